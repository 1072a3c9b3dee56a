import type { Document } from 'bson';
import type { RecordId } from './sorted-index.js';

/** One document write of a commit. Record ids are in-memory only; the journal keys by `_id`. */
export type WriteOp =
  | { readonly kind: 'insert'; readonly db: string; readonly coll: string; readonly doc: Document }
  | {
      readonly kind: 'replace';
      readonly db: string;
      readonly coll: string;
      readonly rid: RecordId;
      readonly doc: Document;
    }
  | { readonly kind: 'delete'; readonly db: string; readonly coll: string; readonly rid: RecordId };

/** What the journal records: document writes keyed by `_id`, and catalog changes. */
export type JournalEntry =
  | { readonly op: 'insert'; readonly ns: [string, string]; readonly doc: Document }
  | { readonly op: 'replace'; readonly ns: [string, string]; readonly doc: Document }
  | { readonly op: 'delete'; readonly ns: [string, string]; readonly id: unknown }
  | { readonly op: 'create'; readonly ns: [string, string]; readonly options: Document }
  | { readonly op: 'drop'; readonly ns: [string, string] }
  | { readonly op: 'dropDatabase'; readonly db: string }
  | { readonly op: 'createIndex'; readonly ns: [string, string]; readonly spec: Document }
  | { readonly op: 'dropIndex'; readonly ns: [string, string]; readonly name: string };

/** Receives every committed change, in commit order (the persistence layer). */
export interface CommitListener {
  onCommit(entries: readonly JournalEntry[]): void;
}
