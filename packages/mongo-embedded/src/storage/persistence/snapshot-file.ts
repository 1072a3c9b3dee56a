import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { calculateObjectSize, type Document } from 'bson';
import { asNumber } from '../../bson-number.js';
import type { Catalog } from '../catalog.js';
import { ID_INDEX_NAME, normalizeIndexSpec } from '../index-spec.js';
import { decodeFrames, encodeFrame } from './record-framing.js';

export const SNAPSHOT_FILE = 'snapshot.bson';
const FORMAT_VERSION = 1;
/** Documents per snapshot frame are capped by bytes, so no frame grows unbounded. */
const FRAME_BYTES = 8 * 1024 * 1024;

/**
 * Writes every collection (options, index specs, documents) to `snapshot.bson` atomically:
 * a temporary file is written and fsynced, then renamed over the old snapshot.
 */
export function writeSnapshot(dir: string, catalog: Catalog, lsn: number): void {
  const tmp = join(dir, `${SNAPSHOT_FILE}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, encodeFrame([{ kind: 'header', version: FORMAT_VERSION, lsn }]));
    for (const collection of catalog.allCollections()) {
      const indexes = [...collection.indexes.values()]
        .filter((index) => index.name !== ID_INDEX_NAME)
        .map((index) => index.spec);
      const where = { db: collection.db, c: collection.name };
      writeSync(
        fd,
        encodeFrame([{ kind: 'collection', ...where, options: collection.options, indexes }]),
      );
      let batch: Document[] = [{ kind: 'docs', ...where }];
      let bytes = 0;
      for (const doc of collection.records.values()) {
        batch.push(doc);
        bytes += calculateObjectSize(doc);
        if (bytes >= FRAME_BYTES) {
          writeSync(fd, encodeFrame(batch));
          batch = [{ kind: 'docs', ...where }];
          bytes = 0;
        }
      }
      if (batch.length > 1) writeSync(fd, encodeFrame(batch));
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, SNAPSHOT_FILE));
  syncDirectory(dir);
}

/** Loads `snapshot.bson` into an empty catalog; returns its journal position (0 if none). */
export function loadSnapshot(dir: string, catalog: Catalog): number {
  let data: Buffer;
  try {
    data = readFileSync(join(dir, SNAPSHOT_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const { frames, tornTail } = decodeFrames(data);
  const header = frames[0]?.[0];
  if (tornTail || header?.kind !== 'header' || asNumber(header.version) !== FORMAT_VERSION) {
    throw new Error(`${join(dir, SNAPSHOT_FILE)} is damaged or of an unknown format`);
  }
  for (const frame of frames.slice(1)) {
    const [head, ...docs] = frame;
    if (head === undefined) continue;
    const db = String(head.db);
    const name = String(head.c);
    if (head.kind === 'collection') {
      const { collection } = catalog.ensure(db, name, (head.options ?? {}) as Document);
      for (const spec of (head.indexes ?? []) as Document[]) {
        collection.createIndex(normalizeIndexSpec(spec));
      }
    } else if (head.kind === 'docs') {
      const { collection } = catalog.ensure(db, name);
      for (const doc of docs) collection.insert(doc, catalog.nextSeq());
    }
  }
  return asNumber(header.lsn) ?? 0;
}

export function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}
