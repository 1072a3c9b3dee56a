/**
 * Feeds malformed wire-protocol frames to one embedded server over raw sockets. A bad frame may
 * close ITS connection; it must never take the process down or disturb other connections.
 */
import { connect, type Socket } from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import fc from 'fast-check';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type EmbeddedHandle } from '../conformance/harness.js';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const KNOWN_OPCODES = new Set([
  OP_REPLY,
  2001,
  2002,
  2004,
  2005,
  2006,
  2007,
  2010,
  2011,
  2012,
  OP_MSG,
]);
const CHECKSUM_PRESENT = 1;
const MORE_TO_COME = 2;

function header(length: number, opCode: number, requestId = 1): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

function bsonBytes(doc: Document): Buffer {
  return Buffer.from(serialize(doc));
}

/** An OP_MSG frame from raw flag bits and raw section bytes. */
function opMsg(flags: number, sections: Buffer, trailer: Buffer = Buffer.alloc(0)): Buffer {
  const flagBytes = Buffer.alloc(4);
  flagBytes.writeUInt32LE(flags >>> 0, 0);
  const bodyLength = 4 + sections.length + trailer.length;
  return Buffer.concat([header(16 + bodyLength, OP_MSG), flagBytes, sections, trailer]);
}

function kind0(doc: Document | Buffer): Buffer {
  return Buffer.concat([Buffer.from([0]), Buffer.isBuffer(doc) ? doc : bsonBytes(doc)]);
}

function kind1(identifier: string, docs: Buffer[], sizeDelta = 0): Buffer {
  const id = Buffer.from(`${identifier}\0`, 'utf8');
  const payload = Buffer.concat([id, ...docs]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(4 + payload.length + sizeDelta, 0);
  return Buffer.concat([Buffer.from([1]), size, payload]);
}

function opQuery(collection: string, query: Document | Buffer): Buffer {
  const flags = Buffer.alloc(4);
  const name = Buffer.from(`${collection}\0`, 'utf8');
  const skipReturn = Buffer.alloc(8);
  skipReturn.writeInt32LE(-1, 4);
  const doc = Buffer.isBuffer(query) ? query : bsonBytes(query);
  const body = Buffer.concat([flags, name, skipReturn, doc]);
  return Buffer.concat([header(16 + body.length, OP_QUERY), body]);
}

const validFrames: Buffer[] = [
  opMsg(0, kind0({ ping: 1, $db: 'admin' })),
  opMsg(0, kind0({ hello: 1, $db: 'admin' })),
  opMsg(
    0,
    Buffer.concat([
      kind0({ insert: 'fuzz', $db: 'fuzzdb' }),
      kind1('documents', [bsonBytes({ _id: 1 })]),
    ]),
  ),
  opMsg(MORE_TO_COME, kind0({ ping: 1, $db: 'admin' })),
  opQuery('admin.$cmd', { ismaster: 1, helloOk: true }),
];

const bytes = (max: number): fc.Arbitrary<Buffer> =>
  fc.uint8Array({ minLength: 0, maxLength: max }).map((b) => Buffer.from(b));

const validFrame = fc.constantFrom(...validFrames);

function withInt32At(frame: Buffer, offset: number, value: number): Buffer {
  const copy = Buffer.from(frame);
  copy.writeInt32LE(value, offset);
  return copy;
}

/** A BSON-looking buffer: a length prefix that may lie, then garbage. */
const badBson = fc
  .tuple(bytes(64), fc.integer({ min: -10, max: 1 << 20 }))
  .map(([garbage, length]) => {
    const prefix = Buffer.alloc(4);
    prefix.writeInt32LE(length, 0);
    return Buffer.concat([prefix, garbage]);
  });

const badFrame: fc.Arbitrary<Buffer> = fc.oneof(
  // Random bytes, including ones that look like a header.
  bytes(256),
  // A valid frame cut short.
  fc.tuple(validFrame, fc.nat()).map(([f, n]) => f.subarray(0, n % f.length)),
  // A valid frame with a lying length: negative, too small, too big, off by a little.
  fc
    .tuple(
      validFrame,
      fc.oneof(
        fc.integer({ min: -(2 ** 31), max: 15 }),
        fc.integer({ min: 48_000_001, max: 2 ** 31 - 1 }),
        fc.integer({ min: 16, max: 512 }),
      ),
    )
    .map(([f, length]) => withInt32At(f, 0, length)),
  // An unknown opcode.
  fc
    .tuple(validFrame, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }))
    .filter(([, op]) => !KNOWN_OPCODES.has(op))
    .map(([f, op]) => withInt32At(f, 12, op)),
  // OP_MSG whose body is not valid BSON.
  badBson.map((doc) => opMsg(0, kind0(doc))),
  // OP_MSG with an unknown section kind.
  fc
    .tuple(fc.integer({ min: 2, max: 255 }), bytes(64))
    .map(([kind, rest]) => opMsg(0, Buffer.concat([Buffer.from([kind]), rest]))),
  // OP_MSG with a document sequence whose size lies, or whose documents are garbage.
  fc
    .tuple(fc.integer({ min: -64, max: 64 }), badBson)
    .map(([delta, doc]) =>
      opMsg(
        0,
        Buffer.concat([kind0({ insert: 'fuzz', $db: 'fuzzdb' }), kind1('documents', [doc], delta)]),
      ),
    ),
  // OP_MSG claiming a checksum that is wrong (or missing).
  fc.tuple(bytes(4)).map(([crc]) => opMsg(CHECKSUM_PRESENT, kind0({ ping: 1, $db: 'admin' }), crc)),
  // Unknown or contradictory flag bits.
  fc
    .integer({ min: 0, max: 2 ** 32 - 1 })
    .map((flags) => opMsg(flags, kind0({ ping: 1, $db: 'admin' }))),
  // OP_QUERY with a garbage query document or an unterminated collection name.
  badBson.map((doc) => opQuery('admin.$cmd', doc)),
  bytes(64).map((b) => {
    const body = Buffer.concat([Buffer.alloc(4), Buffer.from(b.toString('hex'), 'utf8')]);
    return Buffer.concat([header(16 + body.length, OP_QUERY), body]);
  }),
  // A command the server does not know, and a body that is not a document at all.
  fc.string().map((name) => opMsg(0, kind0({ [name || 'x']: 1, $db: 'admin' }))),
  // A valid frame followed by garbage.
  fc.tuple(validFrame, bytes(64)).map(([f, rest]) => Buffer.concat([f, rest])),
);

/** Sends `payload` in the given chunk sizes, half-closes, and waits for the server to close. */
async function sendAndClose(port: number, payload: Buffer, chunk: number): Promise<void> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
  await new Promise<void>((resolve) => {
    socket.on('data', () => undefined); // replies (if any) are not the point
    socket.on('error', () => undefined); // a reset by the server is an acceptable outcome
    socket.once('close', () => resolve());
    // A server that keeps a half-open connection is not a crash; do not wait for it forever.
    const guard = setTimeout(() => socket.destroy(), 2_000);
    socket.once('close', () => clearTimeout(guard));
    for (let at = 0; at < payload.length; at += chunk) {
      socket.write(payload.subarray(at, at + chunk));
    }
    socket.end();
  });
}

/** One valid OP_MSG ping over a raw socket; resolves with the reply's `ok`. */
async function rawPing(port: number): Promise<unknown> {
  const socket = connect({ host: '127.0.0.1', port });
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    socket.once('error', reject);
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      if (received.length < 4 || received.length < received.readInt32LE(0)) return;
      socket.destroy();
      // OP_MSG reply: header (16 bytes), flag bits (4), section kind 0 (1), then the body.
      const body = received.subarray(21);
      resolve(deserialize(body.subarray(0, body.readInt32LE(0)))['ok']);
    });
    socket.write(opMsg(0, kind0({ ping: 1, $db: 'admin' })));
  });
}

describe('wire protocol fuzzing', () => {
  let server: EmbeddedHandle | undefined;

  beforeAll(async () => {
    server = await startEmbedded({ port: 0 });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('survives random, truncated and malformed frames and keeps serving other clients', async () => {
    if (server === undefined) throw new Error('the embedded server did not start');
    const { port, uri } = server;
    const bystander = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
    await bystander.connect();
    try {
      const { insertedId } = await bystander.db('fuzzdb').collection('before').insertOne({ v: 1 });

      await fc.assert(
        fc.asyncProperty(
          fc.array(badFrame, { minLength: 1, maxLength: 3 }),
          fc.integer({ min: 1, max: 64 }),
          async (frames, chunk) => {
            await sendAndClose(port, Buffer.concat(frames), chunk);
          },
        ),
        { numRuns: 300 },
      );

      // The connection opened before the fuzzing still works, and so does a new one.
      expect(
        await bystander.db('fuzzdb').collection('before').findOne({ _id: insertedId }),
      ).toEqual({
        _id: insertedId,
        v: 1,
      });
      await expect(bystander.db('admin').command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
      expect(await rawPing(port)).toBe(1);
      const fresh = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
      try {
        await expect(fresh.db('admin').command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
      } finally {
        await fresh.close();
      }
    } finally {
      await bystander.close();
    }
  }, 180_000);
});
