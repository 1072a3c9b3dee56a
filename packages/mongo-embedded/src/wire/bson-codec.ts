import { deserialize, serialize, type Document } from 'bson';
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

export function encodeDocument(doc: Document): Buffer {
  return Buffer.from(serialize(doc, { checkKeys: false, ignoreUndefined: true }));
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
