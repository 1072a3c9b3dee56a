import type { Document } from 'bson';
import { mongoError } from '../mongo-error.js';
import { Collection } from './collection.js';

/** Names MongoDB forbids in database names. */
const INVALID_DB_CHARS = /[/\\. "$\0]/;

export function validateDbName(db: string): void {
  if (db.length === 0 || db.length > 63 || INVALID_DB_CHARS.test(db)) {
    throw mongoError('InvalidNamespace', `Invalid database name: '${db}'`);
  }
}

export function validateCollectionName(db: string, name: string): void {
  if (name.length === 0 || name.includes('\0') || name.startsWith('.') || name.includes('$')) {
    throw mongoError('InvalidNamespace', `Invalid collection name: ${db}.${name}`);
  }
}

/** All databases and collections. A database exists while it holds a collection. */
export class Catalog {
  private readonly databases = new Map<string, Map<string, Collection>>();
  /** Global commit sequence: each committed write gets the next number. */
  seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  get(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** Creates the collection if needed (implicit creation on first write, as MongoDB does). */
  ensure(
    db: string,
    name: string,
    options?: Document,
  ): { collection: Collection; created: boolean } {
    const existing = this.get(db, name);
    if (existing !== undefined) return { collection: existing, created: false };
    validateDbName(db);
    validateCollectionName(db, name);
    const collection = new Collection(db, name, options);
    this.attach(collection);
    return { collection, created: true };
  }

  attach(collection: Collection): void {
    let collections = this.databases.get(collection.db);
    if (collections === undefined) {
      collections = new Map();
      this.databases.set(collection.db, collections);
    }
    collections.set(collection.name, collection);
  }

  drop(db: string, name: string): Collection | undefined {
    const collections = this.databases.get(db);
    const collection = collections?.get(name);
    if (collections === undefined || collection === undefined) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.databases.delete(db);
    return collection;
  }

  dropDatabase(db: string): Collection[] {
    const collections = this.databases.get(db);
    this.databases.delete(db);
    return collections === undefined ? [] : [...collections.values()];
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  databaseNames(): string[] {
    return [...this.databases.keys()].sort();
  }

  allCollections(): Collection[] {
    return [...this.databases.values()].flatMap((c) => [...c.values()]);
  }
}
