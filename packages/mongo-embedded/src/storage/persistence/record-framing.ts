import { crc32 } from 'node:zlib';
import { deserialize, type Document } from 'bson';
import { serializeExact } from '../../wire/serialize-exact.js';

/**
 * The on-disk record: `[u32 payload length][u32 CRC-32 of payload][payload]`, where the payload
 * is a sequence of BSON documents. A crash can leave a torn last record; its length or CRC
 * then fails to check out and recovery drops it (and everything after it).
 */
const FRAME_HEADER = 8;

export function encodeFrame(docs: readonly Document[]): Buffer {
  const parts = docs.map((doc) => serializeExact(doc));
  const payload = Buffer.concat(parts);
  const header = Buffer.alloc(FRAME_HEADER);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

export interface DecodedFrames {
  readonly frames: Document[][];
  /** Bytes of valid frames; anything after this is a torn or corrupt tail. */
  readonly validLength: number;
  readonly tornTail: boolean;
}

export function decodeFrames(data: Buffer): DecodedFrames {
  const frames: Document[][] = [];
  let offset = 0;
  while (offset < data.length) {
    if (offset + FRAME_HEADER > data.length) break;
    const length = data.readUInt32LE(offset);
    const checksum = data.readUInt32LE(offset + 4);
    const start = offset + FRAME_HEADER;
    const end = start + length;
    if (end > data.length) break;
    const payload = data.subarray(start, end);
    if (crc32(payload) !== checksum) break;
    const docs = splitDocuments(payload);
    if (docs === undefined) break;
    frames.push(docs);
    offset = end;
  }
  return { frames, validLength: offset, tornTail: offset < data.length };
}

function splitDocuments(payload: Buffer): Document[] | undefined {
  const docs: Document[] = [];
  let offset = 0;
  try {
    while (offset < payload.length) {
      const size = payload.readInt32LE(offset);
      if (size < 5 || offset + size > payload.length) return undefined;
      docs.push(deserialize(payload.subarray(offset, offset + size), { promoteValues: false }));
      offset += size;
    }
  } catch {
    return undefined;
  }
  return docs;
}
