import type { Document } from 'bson';
import type { FilterOptions } from '../engine/index.js';
import { findRecords, type MatchedRecord, type PlanStats } from '../storage/query-planner.js';
import type { RecordId } from '../storage/sorted-index.js';
import { findSortedByIndex } from '../storage/sorted-scan.js';
import type { StorageEngine } from '../storage/storage-engine.js';
import type { Transaction } from '../storage/transaction.js';
import type { TransactionManager } from '../storage/transaction-manager.js';

/**
 * How a command reads and writes documents: straight to the committed store, or through a
 * transaction's snapshot and write buffer. Commands are written once against this interface.
 */
export interface DataAccess {
  find(
    db: string,
    coll: string,
    filter: Document,
    stats?: PlanStats,
    filterOptions?: FilterOptions,
  ): MatchedRecord[];
  /**
   * The first `need` matches in `sort` order read off an index, or undefined when no index
   * gives that order (the caller sorts in memory).
   */
  findSorted(
    db: string,
    coll: string,
    filter: Document,
    sort: Document,
    need: number,
    stats?: PlanStats,
    filterOptions?: FilterOptions,
  ): MatchedRecord[] | undefined;
  /**
   * Call before a statement writes the given records. Outside a transaction it throws
   * TransactionLockWait when a transaction holds one; the statement is then re-run later.
   */
  assertWritable(db: string, coll: string, rids: readonly RecordId[]): void;
  insert(db: string, coll: string, doc: Document): void;
  replace(db: string, coll: string, rid: RecordId, doc: Document): void;
  delete(db: string, coll: string, rids: readonly RecordId[]): void;
}

export function committedAccess(
  storage: StorageEngine,
  transactions: TransactionManager,
): DataAccess {
  return {
    find(db, coll, filter, stats, filterOptions) {
      const collection = storage.catalog.get(db, coll);
      return collection === undefined ? [] : findRecords(collection, filter, stats, filterOptions);
    },
    findSorted(db, coll, filter, sort, need, stats, filterOptions) {
      const collection = storage.catalog.get(db, coll);
      if (collection === undefined) return [];
      return findSortedByIndex(collection, filter, sort, need, stats, filterOptions);
    },
    assertWritable(db, coll, rids) {
      const collection = storage.catalog.get(db, coll);
      if (collection !== undefined) transactions.assertUnlocked(collection, rids);
    },
    insert(db, coll, doc) {
      storage.apply([{ kind: 'insert', db, coll, doc }]);
    },
    replace(db, coll, rid, doc) {
      storage.apply([{ kind: 'replace', db, coll, rid, doc }]);
    },
    delete(db, coll, rids) {
      storage.apply(rids.map((rid) => ({ kind: 'delete', db, coll, rid }) as const));
    },
  };
}

export function transactionAccess(transactions: TransactionManager, txn: Transaction): DataAccess {
  return {
    find: (db, coll, filter, stats, filterOptions) =>
      transactions.find(txn, db, coll, filter, stats, filterOptions),
    // A transaction's view mixes snapshot versions and its own writes: sort in memory.
    findSorted: () => undefined,
    assertWritable: () => {},
    insert: (db, coll, doc) => transactions.insert(txn, db, coll, doc),
    replace: (db, coll, rid, doc) => transactions.replace(txn, db, coll, rid, doc),
    delete: (db, coll, rids) => {
      for (const rid of rids) transactions.delete(txn, db, coll, rid);
    },
  };
}
