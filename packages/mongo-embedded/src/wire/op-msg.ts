import type { Document } from 'bson';
import { encodeDocument, readCString, readDocumentAt } from './bson-codec.js';
import { crc32c } from './crc32c.js';
import { HEADER_SIZE, OpCode, OpMsgFlags, writeHeader } from './opcodes.js';
import { ProtocolError } from './protocol-error.js';

export interface OpMsgRequest {
  readonly requestId: number;
  readonly flags: number;
  /** The kind-0 body with every kind-1 document sequence merged in as an array field. */
  readonly body: Document;
}

/** Flag bits 0-15 are "required": a receiver must reject unknown ones (OP_MSG spec). */
const KNOWN_REQUIRED_FLAGS = OpMsgFlags.ChecksumPresent | OpMsgFlags.MoreToCome;

export function decodeOpMsg(frame: Buffer, requestId: number): OpMsgRequest {
  if (frame.length < HEADER_SIZE + 5) throw new ProtocolError('OP_MSG too short');
  const flags = frame.readUInt32LE(HEADER_SIZE);
  if ((flags & 0xffff & ~KNOWN_REQUIRED_FLAGS) !== 0) {
    throw new ProtocolError(`OP_MSG has unknown required flags 0x${flags.toString(16)}`);
  }
  const hasChecksum = (flags & OpMsgFlags.ChecksumPresent) !== 0;
  const end = hasChecksum ? frame.length - 4 : frame.length;
  if (hasChecksum) {
    if (end < HEADER_SIZE + 5) throw new ProtocolError('OP_MSG too short for its checksum');
    if (crc32c(frame.subarray(0, end)) !== frame.readUInt32LE(end)) {
      throw new ProtocolError('OP_MSG checksum mismatch');
    }
  }
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: [string, Document[]][] = [];
  while (offset < end) {
    const kind = frame.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      if (body !== undefined) throw new ProtocolError('OP_MSG has two body sections');
      const { doc, size } = readDocumentAt(frame, offset);
      body = doc;
      offset += size;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
      const sectionSize = frame.readInt32LE(offset);
      const sectionEnd = offset + sectionSize;
      if (sectionSize < 5 || sectionEnd > end) {
        throw new ProtocolError(`invalid document sequence size ${sectionSize}`);
      }
      const id = readCString(frame, offset + 4);
      let cursor = offset + 4 + id.size;
      const docs: Document[] = [];
      while (cursor < sectionEnd) {
        const { doc, size } = readDocumentAt(frame.subarray(0, sectionEnd), cursor);
        docs.push(doc);
        cursor += size;
      }
      sequences.push([id.value, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (offset !== end) throw new ProtocolError('OP_MSG sections overrun the message');
  if (body === undefined) throw new ProtocolError('OP_MSG has no body section');
  for (const [id, docs] of sequences) {
    if (id in body) throw new ProtocolError(`OP_MSG field '${id}' is both in body and sequence`);
    body[id] = docs;
  }
  return { requestId, flags, body };
}

export function encodeOpMsg(requestId: number, responseTo: number, doc: Document): Buffer {
  const payload = encodeDocument(doc);
  const message = Buffer.alloc(HEADER_SIZE + 5 + payload.length);
  writeHeader(message, requestId, responseTo, OpCode.Msg);
  message.writeUInt32LE(0, HEADER_SIZE);
  message.writeUInt8(0, HEADER_SIZE + 4);
  payload.copy(message, HEADER_SIZE + 5);
  return message;
}
