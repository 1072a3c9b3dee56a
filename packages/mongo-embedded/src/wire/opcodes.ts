/** Wire protocol op codes and limits (MongoDB "Wire Protocol" reference). */
export const OpCode = {
  Reply: 1,
  Query: 2004,
  Compressed: 2012,
  Msg: 2013,
} as const;

export const HEADER_SIZE = 16;

/** Largest frame accepted; MongoDB's `maxMessageSizeBytes`. */
export const MAX_MESSAGE_SIZE = 48_000_000;

/** MongoDB's `maxBsonObjectSize`: 16 MiB. */
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

export const MAX_WRITE_BATCH_SIZE = 100_000;

export const OpMsgFlags = {
  ChecksumPresent: 1 << 0,
  MoreToCome: 1 << 1,
  ExhaustAllowed: 1 << 16,
} as const;

export interface MessageHeader {
  readonly messageLength: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}

export function readHeader(frame: Buffer): MessageHeader {
  return {
    messageLength: frame.readInt32LE(0),
    requestId: frame.readInt32LE(4),
    responseTo: frame.readInt32LE(8),
    opCode: frame.readInt32LE(12),
  };
}

export function writeHeader(
  target: Buffer,
  requestId: number,
  responseTo: number,
  opCode: number,
): void {
  target.writeInt32LE(target.length, 0);
  target.writeInt32LE(requestId, 4);
  target.writeInt32LE(responseTo, 8);
  target.writeInt32LE(opCode, 12);
}
