import type { Document } from 'bson';
import { Catalog } from './catalog.js';
import type { Collection } from './collection.js';
import type { IndexSpec } from './index-spec.js';
import type { RecordId } from './sorted-index.js';
import type { CommitListener, JournalEntry, WriteOp } from './write-op.js';

/** Called after a commit for each record it changed, with the previous state (snapshot reads). */
export type PreImageHook = (
  collection: Collection,
  rid: RecordId,
  before: Document | undefined,
  beforeSeq: number,
) => void;

export interface AppliedWrite {
  readonly collection: Collection;
  readonly rid: RecordId;
}

/**
 * The single entry point for changing committed data. `apply` commits a batch of document
 * writes atomically: all of them, under one sequence number, or none (it rolls back and
 * rethrows). Every commit is handed to the listener, which journals it.
 */
export class StorageEngine {
  readonly catalog = new Catalog();
  listener: CommitListener | undefined;
  preImageHook: PreImageHook | undefined;

  apply(ops: readonly WriteOp[]): AppliedWrite[] {
    const seq = this.catalog.nextSeq();
    const undo: (() => void)[] = [];
    const applied: AppliedWrite[] = [];
    const entries: JournalEntry[] = [];
    const preImages: [Collection, RecordId, Document | undefined, number][] = [];
    try {
      for (const op of ops) {
        const ns: [string, string] = [op.db, op.coll];
        if (op.kind === 'insert') {
          const { collection, created } = this.catalog.ensure(op.db, op.coll);
          if (created) {
            undo.push(() => this.catalog.drop(op.db, op.coll));
            entries.push({ op: 'create', ns, options: {} });
          }
          const rid = collection.insert(op.doc, seq);
          preImages.push([collection, rid, undefined, 0]);
          undo.push(() => collection.delete(rid));
          applied.push({ collection, rid });
          entries.push({ op: 'insert', ns, doc: op.doc });
          continue;
        }
        const collection = this.catalog.get(op.db, op.coll);
        const before = collection?.records.get(op.rid);
        if (collection === undefined || before === undefined) continue;
        const beforeSeq = collection.versions.get(op.rid) ?? 0;
        if (op.kind === 'replace') {
          collection.replace(op.rid, op.doc, seq);
          preImages.push([collection, op.rid, before, beforeSeq]);
          undo.push(() => collection.replace(op.rid, before, beforeSeq));
          entries.push({ op: 'replace', ns, doc: op.doc });
        } else {
          collection.delete(op.rid);
          preImages.push([collection, op.rid, before, beforeSeq]);
          undo.push(() => collection.restore(op.rid, before, beforeSeq));
          entries.push({ op: 'delete', ns, id: before._id });
        }
        applied.push({ collection, rid: op.rid });
      }
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
    const hook = this.preImageHook;
    if (hook !== undefined) for (const image of preImages) hook(...image);
    if (entries.length > 0) this.listener?.onCommit(entries);
    return applied;
  }

  createCollection(db: string, coll: string, options: Document = {}): Collection {
    const { collection, created } = this.catalog.ensure(db, coll, options);
    if (created) this.listener?.onCommit([{ op: 'create', ns: [db, coll], options }]);
    return collection;
  }

  dropCollection(db: string, coll: string): Collection | undefined {
    const dropped = this.catalog.drop(db, coll);
    if (dropped !== undefined) this.listener?.onCommit([{ op: 'drop', ns: [db, coll] }]);
    return dropped;
  }

  dropDatabase(db: string): Collection[] {
    const dropped = this.catalog.dropDatabase(db);
    if (dropped.length > 0) this.listener?.onCommit([{ op: 'dropDatabase', db }]);
    return dropped;
  }

  /** Returns false when an identical index already exists. */
  createIndex(collection: Collection, spec: IndexSpec): boolean {
    const created = collection.createIndex(spec);
    if (created) {
      this.listener?.onCommit([{ op: 'createIndex', ns: [collection.db, collection.name], spec }]);
    }
    return created;
  }

  dropIndex(collection: Collection, name: string): void {
    collection.dropIndex(name);
    this.listener?.onCommit([{ op: 'dropIndex', ns: [collection.db, collection.name], name }]);
  }
}
