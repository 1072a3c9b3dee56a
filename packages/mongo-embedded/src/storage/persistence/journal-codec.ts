import type { Document } from 'bson';
import type { JournalEntry } from '../write-op.js';

/** Journal entries as BSON documents (`o` = operation); kept terse, they repeat per write. */
export function entryToDocument(entry: JournalEntry): Document {
  switch (entry.op) {
    case 'insert':
    case 'replace':
      return { o: entry.op, db: entry.ns[0], c: entry.ns[1], doc: entry.doc };
    case 'delete':
      return { o: 'delete', db: entry.ns[0], c: entry.ns[1], id: entry.id };
    case 'create':
      return { o: 'create', db: entry.ns[0], c: entry.ns[1], options: entry.options };
    case 'drop':
      return { o: 'drop', db: entry.ns[0], c: entry.ns[1] };
    case 'dropDatabase':
      return { o: 'dropDatabase', db: entry.db };
    case 'createIndex':
      return { o: 'createIndex', db: entry.ns[0], c: entry.ns[1], spec: entry.spec };
    case 'dropIndex':
      return { o: 'dropIndex', db: entry.ns[0], c: entry.ns[1], name: entry.name };
  }
}

export function documentToEntry(doc: Document): JournalEntry | undefined {
  const ns: [string, string] = [String(doc.db), String(doc.c)];
  const op: unknown = doc.o;
  switch (op) {
    case 'insert':
    case 'replace':
      return { op, ns, doc: doc.doc as Document };
    case 'delete':
      return { op: 'delete', ns, id: doc.id as unknown };
    case 'create':
      return { op: 'create', ns, options: (doc.options ?? {}) as Document };
    case 'drop':
      return { op: 'drop', ns };
    case 'dropDatabase':
      return { op: 'dropDatabase', db: String(doc.db) };
    case 'createIndex':
      return { op: 'createIndex', ns, spec: doc.spec as Document };
    case 'dropIndex':
      return { op: 'dropIndex', ns, name: String(doc.name) };
    default:
      return undefined;
  }
}
