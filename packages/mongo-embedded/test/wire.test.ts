import { describe, expect, it } from 'vitest';
import { deserialize, serialize, type Document } from 'bson';
import { crc32c } from '../src/wire/crc32c.js';
import { FrameDecoder } from '../src/wire/frame-decoder.js';
import { decodeOpMsg, encodeOpMsg } from '../src/wire/op-msg.js';
import { decodeOpQuery, encodeOpReply } from '../src/wire/op-query.js';
import { OpCode, readHeader } from '../src/wire/opcodes.js';
import { ProtocolError } from '../src/wire/protocol-error.js';

function header(length: number, requestId: number, opCode: number): Buffer {
  const buffer = Buffer.alloc(16);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(requestId, 4);
  buffer.writeInt32LE(0, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

function opMsg(flags: number, sections: Buffer[], checksum = false): Buffer {
  const flagBytes = Buffer.alloc(4);
  flagBytes.writeUInt32LE(flags);
  const body = Buffer.concat([
    flagBytes,
    ...sections,
    checksum ? Buffer.alloc(4) : Buffer.alloc(0),
  ]);
  return Buffer.concat([header(16 + body.length, 7, OpCode.Msg), body]);
}

function kind0(doc: Document): Buffer {
  return Buffer.concat([Buffer.from([0]), Buffer.from(serialize(doc))]);
}

function kind1(id: string, docs: Document[]): Buffer {
  const payload = Buffer.concat([
    Buffer.from(`${id}\0`),
    ...docs.map((d) => Buffer.from(serialize(d))),
  ]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(payload.length + 4);
  return Buffer.concat([Buffer.from([1]), size, payload]);
}

describe('FrameDecoder', () => {
  it('reassembles frames split across chunks and separates frames sharing a chunk', () => {
    const a = opMsg(0, [kind0({ ping: 1 })]);
    const b = opMsg(0, [kind0({ hello: 1 })]);
    const stream = Buffer.concat([a, b]);
    const decoder = new FrameDecoder();
    expect(decoder.push(stream.subarray(0, 3))).toEqual([]);
    expect(decoder.push(stream.subarray(3, a.length + 5))).toEqual([a]);
    expect(decoder.push(stream.subarray(a.length + 5))).toEqual([b]);
  });

  it('rejects a length prefix below the header size or above 48 MB before buffering it', () => {
    expect(() => new FrameDecoder().push(header(8, 1, OpCode.Msg))).toThrow(ProtocolError);
    expect(() => new FrameDecoder().push(header(48_000_001, 1, OpCode.Msg))).toThrow(
      /invalid message length/,
    );
  });
});

describe('OP_MSG', () => {
  it('merges kind-1 document sequences into the body', () => {
    const frame = opMsg(0, [
      kind0({ insert: 'c', $db: 'd' }),
      kind1('documents', [{ _id: 1 }, { _id: 2 }]),
    ]);
    const request = decodeOpMsg(frame, 7);
    expect(request.body.insert).toBe('c');
    expect((request.body.documents as Document[]).map((d) => Number(d._id))).toEqual([1, 2]);
  });

  it('verifies the CRC-32C trailer when the checksum flag is set', () => {
    const frame = opMsg(1, [kind0({ ping: 1, $db: 'admin' })], true);
    frame.writeUInt32LE(crc32c(frame.subarray(0, frame.length - 4)), frame.length - 4);
    expect(decodeOpMsg(frame, 1).body.$db).toBe('admin');
    frame.writeUInt32LE(0xdeadbeef, frame.length - 4);
    expect(() => decodeOpMsg(frame, 1)).toThrow(/checksum mismatch/);
  });

  it('computes CRC-32C as specified (check value of "123456789")', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('keeps the moreToCome flag for the caller', () => {
    expect(decodeOpMsg(opMsg(2, [kind0({ ping: 1 })]), 1).flags & 2).toBe(2);
  });

  it('rejects unknown required flags, a missing body, two bodies and overrunning sections', () => {
    expect(() => decodeOpMsg(opMsg(1 << 5, [kind0({ a: 1 })]), 1)).toThrow(ProtocolError);
    expect(() => decodeOpMsg(opMsg(0, [kind1('documents', [{ a: 1 }])]), 1)).toThrow(/no body/);
    expect(() => decodeOpMsg(opMsg(0, [kind0({ a: 1 }), kind0({ b: 1 })]), 1)).toThrow(/two body/);
    const truncated = opMsg(0, [kind0({ a: 1 })]);
    truncated.writeInt32LE(1000, 21);
    expect(() => decodeOpMsg(truncated, 1)).toThrow(ProtocolError);
    expect(() => decodeOpMsg(opMsg(0, [Buffer.from([9])]), 1)).toThrow(/section kind 9/);
  });

  it('encodes a reply with the request id in responseTo and one body section', () => {
    const reply = encodeOpMsg(5, 7, { ok: 1 });
    expect(readHeader(reply)).toEqual({
      messageLength: reply.length,
      requestId: 5,
      responseTo: 7,
      opCode: OpCode.Msg,
    });
    expect(deserialize(reply.subarray(21))).toEqual({ ok: 1 });
  });
});

describe('reply encoding', () => {
  it('refuses a reply past 16 MiB instead of letting bson truncate it silently', () => {
    expect(() => encodeOpMsg(1, 1, { big: 'a'.repeat(17 * 1024 * 1024) })).toThrow(RangeError);
  });

  it('encodes a 16 MiB document whole', () => {
    const big = 'a'.repeat(16 * 1024 * 1024 - 64);
    const reply = encodeOpMsg(1, 1, { big });
    expect((deserialize(reply.subarray(21)).big as string).length).toBe(big.length);
  });
});

describe('OP_QUERY and OP_REPLY', () => {
  it('decodes a legacy handshake query and answers with one document', () => {
    const flags = Buffer.alloc(4);
    const skipReturn = Buffer.alloc(8);
    const body = Buffer.concat([
      flags,
      Buffer.from('admin.$cmd\0'),
      skipReturn,
      Buffer.from(serialize({ ismaster: 1, helloOk: true })),
    ]);
    const frame = Buffer.concat([header(16 + body.length, 3, OpCode.Query), body]);
    const request = decodeOpQuery(frame, 3);
    expect(request.fullCollectionName).toBe('admin.$cmd');
    expect(Number(request.query.ismaster)).toBe(1);

    const reply = encodeOpReply(9, 3, { ismaster: true, ok: 1 });
    expect(readHeader(reply)).toMatchObject({ responseTo: 3, opCode: OpCode.Reply });
    expect(reply.readInt32LE(32)).toBe(1);
    expect(deserialize(reply.subarray(36))).toEqual({ ismaster: true, ok: 1 });
  });
});
