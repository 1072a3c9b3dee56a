import { calculateObjectSize, Long, type Document } from 'bson';
import { mongoError } from '../mongo-error.js';
import { MAX_BSON_OBJECT_SIZE } from '../wire/opcodes.js';

interface OpenCursor {
  readonly ns: string;
  readonly docs: readonly Document[];
  position: number;
  lastUsed: number;
}

/** Cursors idle this long are reaped, like mongod's `cursorTimeoutMillis` (10 minutes). */
const CURSOR_TIMEOUT_MS = 10 * 60_000;
/** Leaves room for the reply envelope inside one 16 MiB document. */
const MAX_BATCH_BYTES = MAX_BSON_OBJECT_SIZE - 64 * 1024;

export interface Batch {
  readonly docs: Document[];
  readonly cursorId: Long;
}

/**
 * Open cursors over fully materialized results. A result is computed once, when the query
 * runs, so later writes never shift a cursor's position.
 */
export class CursorStore {
  private readonly cursors = new Map<bigint, OpenCursor>();
  private nextId = BigInt(Date.now() % 1_000_000) * 1000n + 1n;

  get size(): number {
    return this.cursors.size;
  }

  /** Returns the first batch, opening a cursor when documents remain. */
  open(
    ns: string,
    docs: readonly Document[],
    batchSize: number | undefined,
    singleBatch: boolean,
  ): Batch {
    this.reap();
    const first = takeBatch(docs, 0, batchSize ?? 101);
    if (singleBatch || first.length >= docs.length) return { docs: first, cursorId: Long.ZERO };
    const id = this.nextId++;
    this.cursors.set(id, { ns, docs, position: first.length, lastUsed: Date.now() });
    return { docs: first, cursorId: Long.fromBigInt(id) };
  }

  getMore(id: bigint, ns: string, batchSize: number | undefined): Batch {
    const cursor = this.cursors.get(id);
    if (cursor === undefined) throw mongoError('CursorNotFound', `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw mongoError(
        'Unauthorized',
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    const docs = takeBatch(cursor.docs, cursor.position, batchSize ?? Infinity);
    cursor.position += docs.length;
    cursor.lastUsed = Date.now();
    if (cursor.position >= cursor.docs.length) {
      this.cursors.delete(id);
      return { docs, cursorId: Long.ZERO };
    }
    return { docs, cursorId: Long.fromBigInt(id) };
  }

  /** Kills the given cursors; returns which existed and which did not. */
  kill(ids: readonly bigint[]): { killed: bigint[]; notFound: bigint[] } {
    const killed: bigint[] = [];
    const notFound: bigint[] = [];
    for (const id of ids) (this.cursors.delete(id) ? killed : notFound).push(id);
    return { killed, notFound };
  }

  /** Drops the cursors of a dropped collection or database (`ns` prefix match). */
  killNamespace(prefix: string): void {
    for (const [id, cursor] of this.cursors) {
      if (cursor.ns === prefix || cursor.ns.startsWith(`${prefix}.`)) this.cursors.delete(id);
    }
  }

  clear(): void {
    this.cursors.clear();
  }

  private reap(): void {
    const cutoff = Date.now() - CURSOR_TIMEOUT_MS;
    for (const [id, cursor] of this.cursors) if (cursor.lastUsed < cutoff) this.cursors.delete(id);
  }
}

/** Up to `count` documents from `start`, stopping before the reply would pass 16 MiB. */
function takeBatch(docs: readonly Document[], start: number, count: number): Document[] {
  const out: Document[] = [];
  let bytes = 0;
  for (let i = start; i < docs.length && out.length < count; i++) {
    const doc = docs[i] as Document;
    const size = calculateObjectSize(doc, { ignoreUndefined: true });
    if (out.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    bytes += size;
    out.push(doc);
  }
  return out;
}
