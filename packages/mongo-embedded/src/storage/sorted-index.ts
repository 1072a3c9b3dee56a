import type { Document } from 'bson';
import { compareValues, compileFilter } from '../engine/index.js';
import { asNumber } from '../bson-number.js';
import { mongoError } from '../mongo-error.js';
import { collectPathValues } from './document-path.js';
import { indexFields, type IndexField, type IndexSpec } from './index-spec.js';

export type RecordId = number;
export type IndexKey = readonly unknown[];

/** Bound sentinels: below and above every key part, whatever the field's direction. */
export const KEY_LOW = Symbol('key-low');
export const KEY_HIGH = Symbol('key-high');

interface IndexEntry {
  readonly key: IndexKey;
  readonly rid: RecordId;
}

/**
 * One secondary (or `_id`) index: entries sorted by key then record id, held in an array.
 * Binary search gives O(log n) lookups; inserts splice, which is cheap for the append-mostly
 * keys (ObjectIds, counters) of our workloads.
 */
export class SortedIndex {
  readonly fields: readonly IndexField[];
  private entries: IndexEntry[] = [];
  private readonly partialFilter: ((doc: Document) => boolean) | undefined;
  /** Set once any document produced several keys; multikey bounds must stay one-sided. */
  multikey = false;

  constructor(
    readonly spec: IndexSpec,
    private readonly namespace: string,
  ) {
    this.fields = indexFields(spec.key);
    this.partialFilter =
      spec.partialFilterExpression !== undefined
        ? compileFilter(spec.partialFilterExpression)
        : undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  get size(): number {
    return this.entries.length;
  }

  get isUnique(): boolean {
    return this.spec.unique === true || this.spec.name === '_id_';
  }

  /** The keys of `doc` in this index; empty when the document is not indexed. */
  keysOf(doc: Document): IndexKey[] {
    if (this.partialFilter !== undefined && !this.partialFilter(doc)) return [];
    if (this.fields.length === 1) {
      // The common single-field index, without the compound machinery below.
      const { values } = collectPathValues(doc, (this.fields[0] as IndexField).path);
      if (values.length === 0) return this.spec.sparse === true ? [] : [[null]];
      return values.length === 1 ? [[values[0]]] : dedupe(values).map((v) => [v]);
    }
    const perField = this.fields.map((field) => collectPathValues(doc, field.path));
    if (this.spec.sparse === true && perField.every((f) => f.values.length === 0)) return [];
    const arrays = perField.filter((f) => f.hitArray).length;
    if (arrays > 1) {
      throw mongoError(
        'CannotIndexParallelArrays',
        `cannot index parallel arrays [${this.fields.map((f) => f.path).join('] [')}]`,
      );
    }
    let keys: unknown[][] = [[]];
    for (const field of perField) {
      const values = field.values.length === 0 ? [null] : dedupe(field.values);
      keys = keys.flatMap((prefix) => values.map((value) => [...prefix, value]));
    }
    return keys;
  }

  compareKeys(a: IndexKey, b: IndexKey): number {
    for (let i = 0; i < this.fields.length; i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      if (x === KEY_LOW || y === KEY_HIGH) return -1;
      if (x === KEY_HIGH || y === KEY_LOW) return 1;
      const c = compareValues(x, y) * (this.fields[i]?.direction ?? 1);
      if (c !== 0) return c;
    }
    return 0;
  }

  /** Throws DuplicateKey if `doc` would collide with another record in this unique index. */
  checkUnique(doc: Document, self: RecordId | undefined): void {
    this.checkUniqueKeys(this.keysOf(doc), self);
  }

  checkUniqueKeys(keys: readonly IndexKey[], self: RecordId | undefined): void {
    if (!this.isUnique) return;
    for (const key of keys) {
      for (const rid of this.lookup(key, key)) {
        if (rid !== self) throw this.duplicateKeyError(key);
      }
    }
  }

  add(rid: RecordId, doc: Document): void {
    this.addKeys(rid, this.keysOf(doc));
  }

  addKeys(rid: RecordId, keys: readonly IndexKey[]): void {
    if (keys.length > 1) this.multikey = true;
    for (const key of keys) {
      const at = this.lowerBound(key, rid);
      this.entries.splice(at, 0, { key, rid });
    }
  }

  remove(rid: RecordId, doc: Document): void {
    this.removeKeys(rid, this.keysOf(doc));
  }

  removeKeys(rid: RecordId, keys: readonly IndexKey[]): void {
    for (const key of keys) {
      const at = this.lowerBound(key, rid);
      const entry = this.entries[at];
      if (entry !== undefined && entry.rid === rid) this.entries.splice(at, 1);
    }
  }

  /** True when two key lists are the same set in the same order (an update left them alone). */
  sameKeys(a: readonly IndexKey[], b: readonly IndexKey[]): boolean {
    return (
      a.length === b.length && a.every((key, i) => this.compareKeys(key, b[i] as IndexKey) === 0)
    );
  }

  /** Record ids whose keys lie in [low, high] (inclusive); also returns keys examined. */
  lookup(low: IndexKey, high: IndexKey, stats?: { keysExamined: number }): RecordId[] {
    const rids: RecordId[] = [];
    for (let i = this.lowerBound(low, -Infinity); i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (entry === undefined || this.compareKeys(entry.key, high) > 0) break;
      if (stats !== undefined) stats.keysExamined++;
      rids.push(entry.rid);
    }
    return rids;
  }

  /**
   * Record ids with keys in [low, high] in index order (or reverse), lazily, so a sorted read
   * with a limit stops early.
   */
  *scan(low: IndexKey, high: IndexKey, reverse: boolean): Generator<RecordId> {
    const start = this.lowerBound(low, -Infinity);
    if (!reverse) {
      for (let i = start; i < this.entries.length; i++) {
        const entry = this.entries[i] as IndexEntry;
        if (this.compareKeys(entry.key, high) > 0) return;
        yield entry.rid;
      }
      return;
    }
    const end = this.lowerBound(high, Infinity);
    for (let i = Math.min(end, this.entries.length) - 1; i >= start; i--) {
      const entry = this.entries[i];
      if (entry === undefined) return;
      if (this.compareKeys(entry.key, high) > 0) continue;
      yield entry.rid;
    }
  }

  /** First position whose (key, rid) is >= the given pair. */
  private lowerBound(key: IndexKey, rid: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const entry = this.entries[mid] as IndexEntry;
      const c = this.compareKeys(entry.key, key) || entry.rid - rid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  duplicateKeyError(key: IndexKey): Error {
    const keyValue: Document = {};
    this.fields.forEach((field, i) => {
      keyValue[field.path] = key[i];
    });
    const shown = this.fields.map((f, i) => `${f.path}: ${describe(key[i])}`).join(', ');
    return mongoError(
      'DuplicateKey',
      `E11000 duplicate key error collection: ${this.namespace} index: ${this.name} dup key: { ${shown} }`,
      { keyPattern: this.spec.key, keyValue },
    );
  }
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const sorted = [...values].sort(compareValues);
  return sorted.filter((v, i) => i === 0 || compareValues(sorted[i - 1], v) !== 0);
}

/** A key part as MongoDB prints it in E11000 messages: `1`, `"ada"`, `ObjectId('…')`. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  const n = asNumber(value);
  if (n !== undefined) return String(n);
  if (value !== null && typeof value === 'object' && '_bsontype' in value) {
    const bson = value as { _bsontype: string; toHexString?: () => string };
    if (bson._bsontype === 'ObjectId' && bson.toHexString !== undefined) {
      return `ObjectId('${bson.toHexString()}')`;
    }
    return bson._bsontype;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
