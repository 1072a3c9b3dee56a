import type { Document } from 'bson';
import { compileFilter, type FilterOptions } from '../engine/index.js';
import { mongoError, type MongoError } from '../mongo-error.js';
import type { Collection } from './collection.js';
import { idIndexSpec } from './index-spec.js';
import { findRecords, type MatchedRecord, type PlanStats } from './query-planner.js';
import { SortedIndex, type RecordId } from './sorted-index.js';
import type { StorageEngine } from './storage-engine.js';
import { FIRST_PENDING_RID, Transaction } from './transaction.js';
import { VersionHistory } from './version-history.js';
import type { WriteOp } from './write-op.js';

/** MongoDB's `transactionLifetimeLimitSeconds` default. */
export const TRANSACTION_LIFETIME_MS = 60_000;

/** Thrown to a writer outside any transaction that touches a record a transaction holds. */
export class TransactionLockWait extends Error {
  constructor(readonly holder: Transaction) {
    super('record is locked by a transaction');
  }
}

export function writeConflict(message: string): MongoError {
  return mongoError('WriteConflict', message, {}, ['TransientTransactionError']);
}

/**
 * Snapshot isolation over the committed store. A transaction reads the data as of its start
 * (older versions come from the history) plus its own writes, and buffers its writes. The
 * first writer of a record wins: a later writer gets WriteConflict (112). Commit applies the
 * buffered writes as one atomic batch.
 */
export class TransactionManager {
  private readonly active = new Set<Transaction>();
  private readonly locks = new Map<Collection, Map<RecordId, Transaction>>();
  private readonly history = new VersionHistory();

  constructor(private readonly storage: StorageEngine) {
    storage.preImageHook = (collection, rid, before) => {
      if (this.active.size > 0) this.history.record(collection, rid, before, storage.catalog.seq);
    };
  }

  get activeCount(): number {
    return this.active.size;
  }

  begin(txnNumber: number): Transaction {
    const txn = new Transaction(txnNumber, this.storage.catalog.seq, Date.now());
    this.active.add(txn);
    return txn;
  }

  /** The transaction holding a committed record, if any. */
  lockHolder(collection: Collection, rid: RecordId): Transaction | undefined {
    return this.locks.get(collection)?.get(rid);
  }

  /** For writers outside transactions: throws TransactionLockWait on a locked record. */
  assertUnlocked(collection: Collection, rids: Iterable<RecordId>): void {
    const held = this.locks.get(collection);
    if (held === undefined) return;
    for (const rid of rids) {
      const holder = held.get(rid);
      if (holder !== undefined) throw new TransactionLockWait(holder);
    }
  }

  find(
    txn: Transaction,
    db: string,
    coll: string,
    filter: Document,
    stats?: PlanStats,
    filterOptions?: FilterOptions,
  ): MatchedRecord[] {
    const matches = compileFilter(filter, filterOptions);
    const own = txn.writesTo(db, coll);
    const ownRids = new Set(own.map((w) => w.rid));
    const out: MatchedRecord[] = [];
    const collection = this.storage.catalog.get(db, coll);
    if (collection !== undefined) {
      const changed = this.history.changedSince(collection, txn.snapshot);
      for (const match of findRecords(collection, filter, stats, filterOptions)) {
        if (!changed.has(match.rid) && !ownRids.has(match.rid)) out.push(match);
      }
      for (const [rid, doc] of changed) {
        if (doc !== undefined && !ownRids.has(rid) && matches(doc)) out.push({ rid, doc });
      }
    }
    for (const write of own) {
      if (write.doc !== null && matches(write.doc)) out.push({ rid: write.rid, doc: write.doc });
    }
    return out.sort((a, b) => a.rid - b.rid);
  }

  insert(txn: Transaction, db: string, coll: string, doc: Document): void {
    this.checkUnique(txn, db, coll, undefined, doc);
    txn.write(db, coll, txn.pendingRid(), doc);
  }

  replace(txn: Transaction, db: string, coll: string, rid: RecordId, doc: Document): void {
    this.lock(txn, db, coll, rid);
    this.checkUnique(txn, db, coll, rid, doc);
    txn.write(db, coll, rid, doc);
  }

  delete(txn: Transaction, db: string, coll: string, rid: RecordId): void {
    this.lock(txn, db, coll, rid);
    txn.write(db, coll, rid, null);
  }

  commit(txn: Transaction): void {
    const writes = txn.allWrites();
    const ops: WriteOp[] = [];
    for (const write of writes) {
      const { db, coll, rid, doc } = write;
      if (rid >= FIRST_PENDING_RID) {
        if (doc !== null) ops.push({ kind: 'insert', db, coll, doc });
        continue;
      }
      const collection = this.storage.catalog.get(db, coll);
      if (collection === undefined || !this.unchangedSince(collection, rid, txn.snapshot)) {
        this.abort(txn, 'write conflict at commit');
        throw writeConflict(
          'Write conflict during commit: a record changed after the transaction started',
        );
      }
      ops.push(
        doc === null ? { kind: 'delete', db, coll, rid } : { kind: 'replace', db, coll, rid, doc },
      );
    }
    // Deletes first, so a transaction may delete a key and re-insert it.
    ops.sort((a, b) => Number(b.kind === 'delete') - Number(a.kind === 'delete'));
    try {
      if (ops.length > 0) this.storage.apply(ops);
    } catch (error) {
      this.abort(txn, 'commit failed');
      if ((error as MongoError).code === 11000) {
        throw writeConflict(`Write conflict during commit: ${(error as Error).message}`);
      }
      throw error;
    }
    this.finish(txn, 'committed');
  }

  abort(txn: Transaction, reason = 'aborted'): void {
    if (txn.state === 'in-progress') this.finish(txn, 'aborted', reason);
  }

  /** Aborts transactions past their lifetime, as mongod's transaction reaper does. */
  expire(now: number): void {
    for (const txn of this.active) {
      if (now - txn.startedAt > TRANSACTION_LIFETIME_MS) {
        this.abort(txn, 'transaction exceeded its lifetime limit');
      }
    }
  }

  private finish(txn: Transaction, state: 'committed' | 'aborted', reason?: string): void {
    for (const write of txn.allWrites()) {
      if (write.rid >= FIRST_PENDING_RID) continue;
      const collection = this.storage.catalog.get(write.db, write.coll);
      const held = collection !== undefined ? this.locks.get(collection) : undefined;
      if (held?.get(write.rid) === txn) held.delete(write.rid);
    }
    for (const [collection, held] of this.locks) if (held.size === 0) this.locks.delete(collection);
    this.active.delete(txn);
    let oldest: number | undefined;
    for (const other of this.active) oldest = Math.min(oldest ?? Infinity, other.snapshot);
    this.history.prune(oldest);
    txn.end(state, reason);
  }

  private unchangedSince(collection: Collection, rid: RecordId, snapshot: number): boolean {
    return collection.records.has(rid) && (collection.versions.get(rid) ?? 0) <= snapshot;
  }

  private lock(txn: Transaction, db: string, coll: string, rid: RecordId): void {
    if (rid >= FIRST_PENDING_RID) return;
    const collection = this.storage.catalog.get(db, coll);
    if (collection === undefined || !this.unchangedSince(collection, rid, txn.snapshot)) {
      throw writeConflict('Write conflict: the document changed after the transaction started');
    }
    let held = this.locks.get(collection);
    const holder = held?.get(rid);
    if (holder !== undefined && holder !== txn) {
      throw writeConflict('Write conflict: another transaction is writing this document');
    }
    if (held === undefined) {
      held = new Map();
      this.locks.set(collection, held);
    }
    held.set(rid, txn);
  }

  /**
   * Unique indexes in the transaction's view: a clash with a document it can see is a
   * DuplicateKey; a clash with one committed or written by others since its snapshot is a
   * WriteConflict (MongoDB reports the same).
   */
  private checkUnique(
    txn: Transaction,
    db: string,
    coll: string,
    self: RecordId | undefined,
    doc: Document,
  ): void {
    const collection = this.storage.catalog.get(db, coll);
    const indexes =
      collection !== undefined
        ? [...collection.indexes.values()].filter((index) => index.isUnique)
        : [new SortedIndex(idIndexSpec(), `${db}.${coll}`)];
    const changed =
      collection !== undefined
        ? this.history.changedSince(collection, txn.snapshot)
        : new Map<RecordId, Document | undefined>();
    for (const index of indexes) {
      for (const key of index.keysOf(doc)) {
        const clashes = (other: Document): boolean =>
          index.keysOf(other).some((k) => index.compareKeys(k, key) === 0);
        for (const rid of collection !== undefined ? index.lookup(key, key) : []) {
          if (rid === self || txn.pending(db, coll, rid) !== undefined) continue;
          if (collection !== undefined && !this.unchangedSince(collection, rid, txn.snapshot)) {
            throw writeConflict(
              'Write conflict on a unique key committed after the transaction started',
            );
          }
          throw index.duplicateKeyError(key);
        }
        for (const [rid, old] of changed) {
          if (
            rid !== self &&
            old !== undefined &&
            txn.pending(db, coll, rid) === undefined &&
            clashes(old)
          ) {
            throw writeConflict(
              'Write conflict on a unique key changed after the transaction started',
            );
          }
        }
        for (const write of txn.writesTo(db, coll)) {
          if (write.rid !== self && write.doc !== null && clashes(write.doc)) {
            throw index.duplicateKeyError(key);
          }
        }
        for (const other of this.active) {
          if (other === txn) continue;
          for (const write of other.writesTo(db, coll)) {
            if (write.doc !== null && clashes(write.doc)) {
              throw writeConflict('Write conflict: another transaction wrote the same unique key');
            }
          }
        }
      }
    }
  }
}
