import type { Document } from 'bson';
import type { Collection } from './collection.js';
import type { RecordId } from './sorted-index.js';

interface PriorVersion {
  /** The commit that replaced this version. */
  readonly supersededAt: number;
  /** The record before that commit; undefined when the commit inserted it. */
  readonly doc: Document | undefined;
}

/**
 * Old versions of records, kept only while a transaction may still need them: a transaction
 * that started at sequence S sees, for each record changed after S, the version it had at S.
 */
export class VersionHistory {
  private readonly byCollection = new Map<Collection, Map<RecordId, PriorVersion[]>>();

  record(collection: Collection, rid: RecordId, doc: Document | undefined, seq: number): void {
    let records = this.byCollection.get(collection);
    if (records === undefined) {
      records = new Map();
      this.byCollection.set(collection, records);
    }
    const versions = records.get(rid);
    if (versions === undefined) records.set(rid, [{ supersededAt: seq, doc }]);
    else versions.push({ supersededAt: seq, doc });
  }

  /** Records of `collection` changed after `snapshot`, with the version each had at `snapshot`. */
  changedSince(collection: Collection, snapshot: number): Map<RecordId, Document | undefined> {
    const out = new Map<RecordId, Document | undefined>();
    const records = this.byCollection.get(collection);
    if (records === undefined) return out;
    for (const [rid, versions] of records) {
      const first = versions.find((v) => v.supersededAt > snapshot);
      if (first !== undefined) out.set(rid, first.doc);
    }
    return out;
  }

  /** True when the record changed after `snapshot` (its committed version is too new). */
  changedAfter(collection: Collection, rid: RecordId, snapshot: number): boolean {
    const versions = this.byCollection.get(collection)?.get(rid);
    return versions !== undefined && versions.some((v) => v.supersededAt > snapshot);
  }

  /** Forgets versions no open snapshot can see (all of them when none is open). */
  prune(oldestSnapshot: number | undefined): void {
    if (oldestSnapshot === undefined) {
      this.byCollection.clear();
      return;
    }
    for (const [collection, records] of this.byCollection) {
      for (const [rid, versions] of records) {
        const kept = versions.filter((v) => v.supersededAt > oldestSnapshot);
        if (kept.length === 0) records.delete(rid);
        else if (kept.length !== versions.length) records.set(rid, kept);
      }
      if (records.size === 0) this.byCollection.delete(collection);
    }
  }
}
