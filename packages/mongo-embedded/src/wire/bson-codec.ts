import { calculateObjectSize, deserialize, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE } from './opcodes.js';
import { serializeExact } from './serialize-exact.js';
import { ProtocolError } from './protocol-error.js';

/**
 * Incoming documents keep their exact BSON types (`promoteValues: false`): a Double 1.0 must
 * stay a Double through storage and back, which promotion to JS numbers would lose.
 */
export function decodeDocument(buffer: Buffer): Document {
  try {
    return deserialize(buffer, { promoteValues: false, validation: { utf8: false } });
  } catch (error) {
    throw new ProtocolError(`invalid BSON: ${(error as Error).message}`);
  }
}

/** A reply may exceed a stored document by MongoDB's 16 KiB command overhead, no more. */
const MAX_REPLY_SIZE = MAX_BSON_OBJECT_SIZE + 16 * 1024;

/**
 * Serializes a reply. `bson` silently truncates output past its internal buffer (17 MB), so
 * the size is computed first: too large throws, and the buffer is sized to fit exactly.
 */
export function encodeDocument(doc: Document): Buffer {
  const size = calculateObjectSize(doc, { ignoreUndefined: true });
  if (size > MAX_REPLY_SIZE) {
    throw new RangeError(`reply of ${size} bytes is larger than the ${MAX_REPLY_SIZE} byte limit`);
  }
  return serializeExact(doc, size);
}

/** Reads a BSON document starting at `offset`; returns it with its byte size. */
export function readDocumentAt(buffer: Buffer, offset: number): { doc: Document; size: number } {
  if (offset + 5 > buffer.length) throw new ProtocolError('truncated BSON document');
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > buffer.length) {
    throw new ProtocolError(`invalid BSON document size ${size}`);
  }
  return { doc: decodeDocument(buffer.subarray(offset, offset + size)), size };
}

/** Reads a NUL-terminated UTF-8 string at `offset`. */
export function readCString(buffer: Buffer, offset: number): { value: string; size: number } {
  const end = buffer.indexOf(0, offset);
  if (end < 0) throw new ProtocolError('unterminated cstring');
  return { value: buffer.toString('utf8', offset, end), size: end - offset + 1 };
}
