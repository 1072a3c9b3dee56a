import { UUID, type Document } from 'bson';
import { mongoError } from '../mongo-error.js';
import { ID_INDEX_NAME, idIndexSpec, sameIndexOptions, type IndexSpec } from './index-spec.js';
import { SortedIndex, type RecordId } from './sorted-index.js';

/**
 * The committed documents of one collection and their indexes. Documents are never mutated in
 * place: an update stores a new object, so readers (cursors, snapshots) can hold old ones.
 * Every method is synchronous and either fully applies or throws before changing anything.
 */
export class Collection {
  readonly records = new Map<RecordId, Document>();
  /** The commit sequence number of each record's last write, for write-conflict checks. */
  readonly versions = new Map<RecordId, number>();
  readonly indexes = new Map<string, SortedIndex>();
  readonly uuid: UUID;
  private nextRid = 1;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document = {},
    uuid?: UUID,
  ) {
    this.uuid = uuid ?? new UUID();
    this.indexes.set(ID_INDEX_NAME, new SortedIndex(idIndexSpec(), this.namespace));
  }

  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  get idIndex(): SortedIndex {
    return this.indexes.get(ID_INDEX_NAME) as SortedIndex;
  }

  /** The record holding `_id`, if any (an index lookup, never a scan). */
  ridById(id: unknown): RecordId | undefined {
    return this.idIndex.lookup([id], [id])[0];
  }

  insert(doc: Document, seq: number): RecordId {
    // Keys first (generation can throw on parallel arrays), checks next, then the mutation.
    const keyed = [...this.indexes.values()].map((index) => [index, index.keysOf(doc)] as const);
    for (const [index, keys] of keyed) index.checkUniqueKeys(keys, undefined);
    const rid = this.nextRid++;
    for (const [index, keys] of keyed) index.addKeys(rid, keys);
    this.records.set(rid, doc);
    this.versions.set(rid, seq);
    return rid;
  }

  replace(rid: RecordId, doc: Document, seq: number): void {
    const old = this.records.get(rid);
    if (old === undefined) throw mongoError('InternalError', `record ${rid} vanished`);
    const keyed = [...this.indexes.values()].map(
      (index) => [index, index.keysOf(old), index.keysOf(doc)] as const,
    );
    for (const [index, , keys] of keyed) index.checkUniqueKeys(keys, rid);
    for (const [index, oldKeys, keys] of keyed) {
      if (index.sameKeys(oldKeys, keys)) continue;
      index.removeKeys(rid, oldKeys);
      index.addKeys(rid, keys);
    }
    this.records.set(rid, doc);
    this.versions.set(rid, seq);
  }

  delete(rid: RecordId): Document | undefined {
    const old = this.records.get(rid);
    if (old === undefined) return undefined;
    for (const index of this.indexes.values()) index.remove(rid, old);
    this.records.delete(rid);
    this.versions.delete(rid);
    return old;
  }

  /**
   * Builds an index over the existing documents. Returns false when an identical index exists;
   * throws on name/key conflicts and on duplicates for a unique index.
   */
  createIndex(spec: IndexSpec): boolean {
    const keyText = JSON.stringify(spec.key);
    for (const existing of this.indexes.values()) {
      const sameKey = JSON.stringify(existing.spec.key) === keyText;
      if (existing.name === spec.name) {
        if (!sameKey) {
          throw mongoError(
            'IndexKeySpecsConflict',
            `An existing index has the same name as the requested index. Requested index: ${keyText}, existing index: ${JSON.stringify(existing.spec.key)}`,
          );
        }
        if (sameIndexOptions(existing.spec, spec)) return false;
        throw mongoError(
          'IndexOptionsConflict',
          `An existing index has the same name as the requested index but different options. Requested index: ${spec.name}`,
        );
      }
      const samePartial =
        JSON.stringify(existing.spec.partialFilterExpression ?? null) ===
        JSON.stringify(spec.partialFilterExpression ?? null);
      if (sameKey && samePartial) {
        throw mongoError(
          'IndexOptionsConflict',
          `Index already exists with a different name: ${existing.name}`,
        );
      }
    }
    const index = new SortedIndex(spec, this.namespace);
    for (const [rid, doc] of this.records) {
      index.checkUnique(doc, rid);
      index.add(rid, doc);
    }
    this.indexes.set(spec.name, index);
    return true;
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX_NAME) throw mongoError('InvalidOptions', 'cannot drop _id index');
    if (!this.indexes.delete(name)) {
      throw mongoError('IndexNotFound', `index not found with name [${name}]`);
    }
  }

  /** Restores a record with a known id and version (recovery, rollback). */
  restore(rid: RecordId, doc: Document, seq: number): void {
    for (const index of this.indexes.values()) index.add(rid, doc);
    this.records.set(rid, doc);
    this.versions.set(rid, seq);
    if (rid >= this.nextRid) this.nextRid = rid + 1;
  }
}
