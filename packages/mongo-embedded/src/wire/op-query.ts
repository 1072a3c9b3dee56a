import type { Document } from 'bson';
import { encodeDocument, readCString, readDocumentAt } from './bson-codec.js';
import { HEADER_SIZE, OpCode, writeHeader } from './opcodes.js';
import { ProtocolError } from './protocol-error.js';

/** The legacy OP_QUERY, which drivers still use for the first `ismaster` of a connection. */
export interface OpQueryRequest {
  readonly requestId: number;
  readonly fullCollectionName: string;
  readonly query: Document;
}

export function decodeOpQuery(frame: Buffer, requestId: number): OpQueryRequest {
  let offset = HEADER_SIZE + 4; // flags
  if (frame.length <= offset) throw new ProtocolError('OP_QUERY too short');
  const name = readCString(frame, offset);
  offset += name.size + 8; // numberToSkip, numberToReturn
  const { doc } = readDocumentAt(frame, offset);
  return { requestId, fullCollectionName: name.value, query: doc };
}

export function encodeOpReply(requestId: number, responseTo: number, doc: Document): Buffer {
  const payload = encodeDocument(doc);
  const message = Buffer.alloc(HEADER_SIZE + 20 + payload.length);
  writeHeader(message, requestId, responseTo, OpCode.Reply);
  message.writeInt32LE(8, HEADER_SIZE); // responseFlags: AwaitCapable
  message.writeBigInt64LE(0n, HEADER_SIZE + 4); // cursorID
  message.writeInt32LE(0, HEADER_SIZE + 12); // startingFrom
  message.writeInt32LE(1, HEADER_SIZE + 16); // numberReturned
  payload.copy(message, HEADER_SIZE + 20);
  return message;
}
