import type { Logger } from '../logger.js';
import { asNumber } from '../bson-number.js';
import type { Collection } from './collection.js';
import { collectPathValues } from './document-path.js';
import type { RecordId } from './sorted-index.js';
import type { StorageEngine } from './storage-engine.js';
import type { TransactionManager } from './transaction-manager.js';

/**
 * mongod's TTL monitor: every pass deletes documents whose TTL-indexed date (the earliest,
 * for an array) is older than `expireAfterSeconds`. Documents a transaction holds are left for
 * the next pass, and non-date values never expire, as in MongoDB.
 */
export function startTtlMonitor(
  storage: StorageEngine,
  transactions: TransactionManager,
  logger: Logger,
  intervalMs: number,
): () => void {
  const timer = setInterval(() => {
    try {
      expireDocuments(storage, transactions, new Date());
    } catch (error) {
      logger.error(`TTL pass failed: ${(error as Error).message}`);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function expireDocuments(
  storage: StorageEngine,
  transactions: TransactionManager,
  now: Date,
): number {
  let deleted = 0;
  for (const collection of storage.catalog.allCollections()) {
    for (const index of collection.indexes.values()) {
      const seconds = asNumber(index.spec.expireAfterSeconds);
      const field = index.fields.length === 1 ? index.fields[0] : undefined;
      if (seconds === undefined || field === undefined) continue;
      const cutoff = now.getTime() - seconds * 1000;
      const expired = expiredRecords(collection, field.path, cutoff).filter(
        (rid) => transactions.lockHolder(collection, rid) === undefined,
      );
      if (expired.length === 0) continue;
      storage.apply(
        expired.map(
          (rid) => ({ kind: 'delete', db: collection.db, coll: collection.name, rid }) as const,
        ),
      );
      deleted += expired.length;
    }
  }
  return deleted;
}

function expiredRecords(collection: Collection, path: string, cutoff: number): RecordId[] {
  const out: RecordId[] = [];
  for (const [rid, doc] of collection.records) {
    const dates = collectPathValues(doc, path, false).values.filter(
      (value): value is Date => value instanceof Date,
    );
    if (dates.length > 0 && Math.min(...dates.map((d) => d.getTime())) <= cutoff) out.push(rid);
  }
  return out;
}
