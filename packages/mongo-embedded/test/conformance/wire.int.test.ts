/**
 * Wire-protocol details that the drivers never exercise (checksums, moreToCome from the client,
 * oversized frames), sent over raw sockets. Against a real MongoDB these assume a server without
 * authentication, like a local test replica set: the raw connection does not log in.
 */
import { connect, type Socket } from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import { afterEach, describe, expect, it } from 'vitest';
import { type Doc, drivers, uniqueDbName, useConformance, useServer } from './harness.js';

const server = useServer();

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const CHECKSUM_PRESENT = 1;
const MORE_TO_COME = 2;

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli), the OP_MSG checksum. */
function crc32c(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function opMsg(requestId: number, body: Document, flags = 0, checksum?: 'valid' | 'wrong'): Buffer {
  const doc = Buffer.from(serialize(body));
  const withChecksum = checksum === undefined ? flags : flags | CHECKSUM_PRESENT;
  const length = 16 + 4 + 1 + doc.length + (checksum === undefined ? 0 : 4);
  const head = Buffer.alloc(21);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(OP_MSG, 12);
  head.writeUInt32LE(withChecksum >>> 0, 16);
  head.writeUInt8(0, 20);
  const frame = Buffer.concat([head, doc]);
  if (checksum === undefined) return frame;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(checksum === 'valid' ? crc32c(frame) : (crc32c(frame) ^ 0xdead) >>> 0, 0);
  return Buffer.concat([frame, crc]);
}

function opQuery(requestId: number, collection: string, query: Document): Buffer {
  const name = Buffer.from(`${collection}\0`, 'utf8');
  const doc = Buffer.from(serialize(query));
  const body = Buffer.alloc(4 + name.length + 8);
  name.copy(body, 4);
  body.writeInt32LE(0, 4 + name.length);
  body.writeInt32LE(-1, 8 + name.length);
  const length = 16 + body.length + doc.length;
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(OP_QUERY, 12);
  return Buffer.concat([head, body, doc]);
}

interface Reply {
  readonly responseTo: number;
  readonly opCode: number;
  readonly doc: Document;
}

/** A raw connection that collects whole reply frames. */
class RawConnection {
  private buffer = Buffer.alloc(0);
  private readonly replies: Reply[] = [];
  private waiter: (() => void) | undefined;
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (data: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.parse();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
  }

  static open(uri: string): Promise<RawConnection> {
    const { hostname, port } = new URL(
      uri.replace(/^mongodb:\/\//, 'http://').split(',')[0] ?? uri,
    );
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port || 27017) }, () =>
        resolve(new RawConnection(socket)),
      );
      socket.once('error', reject);
    });
  }

  send(frame: Buffer): void {
    this.socket.write(frame);
  }

  /** The next reply, or undefined if the server closed the connection first. */
  async next(): Promise<Reply | undefined> {
    while (this.replies.length === 0 && !this.closed) {
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    return this.replies.shift();
  }

  /** Resolves once the server has closed the connection. */
  async untilClosed(): Promise<void> {
    while (!this.closed) await new Promise<void>((resolve) => (this.waiter = resolve));
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): void {
    while (this.buffer.length >= 16 && this.buffer.length >= this.buffer.readInt32LE(0)) {
      const length = this.buffer.readInt32LE(0);
      const frame = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      const responseTo = frame.readInt32LE(8);
      const opCode = frame.readInt32LE(12);
      // OP_MSG: flags (4) + kind 0 (1); OP_REPLY: flags, cursorId, startingFrom, numberReturned (20).
      const docStart = opCode === OP_MSG ? 21 : 36;
      const docLength = frame.readInt32LE(docStart);
      const doc = deserialize(frame.subarray(docStart, docStart + docLength));
      this.replies.push({ responseTo, opCode, doc });
    }
    this.waiter?.();
  }
}

describe.each(drivers)('wire protocol ($name)', (driver) => {
  const t = useConformance(server, driver);
  const open: RawConnection[] = [];

  afterEach(() => {
    for (const connection of open.splice(0)) connection.close();
  });

  async function raw(): Promise<RawConnection> {
    const connection = await RawConnection.open(server.uri);
    open.push(connection);
    return connection;
  }

  it('answers a legacy OP_QUERY isMaster on admin.$cmd with an OP_REPLY', async () => {
    const connection = await raw();
    connection.send(opQuery(7, 'admin.$cmd', { isMaster: 1, helloOk: true }));
    const reply = await connection.next();
    expect(reply?.opCode).toBe(OP_REPLY);
    expect(reply?.responseTo).toBe(7);
    expect(reply?.doc).toMatchObject({ ok: 1, ismaster: true, helloOk: true });
  });

  it('answers an OP_MSG carrying a valid CRC-32C checksum', async () => {
    const connection = await raw();
    connection.send(opMsg(11, { ping: 1, $db: 'admin' }, 0, 'valid'));
    const reply = await connection.next();
    expect(reply?.opCode).toBe(OP_MSG);
    expect(reply?.responseTo).toBe(11);
    expect(reply?.doc['ok']).toBe(1);
  });

  it('never runs an OP_MSG whose checksum is wrong, and keeps serving others', async () => {
    const bad = await raw();
    const dbName = uniqueDbName();
    bad.send(opMsg(12, { insert: 'crc', documents: [{ _id: 1 }], $db: dbName }, 0, 'wrong'));
    // mongod answers the parse error (ok: 0); the embedded server closes the connection. Either
    // way the insert must not happen.
    const reply = await bad.next();
    if (reply !== undefined) expect(reply.doc['ok']).toBe(0);
    try {
      expect(await t.client.db(dbName).collection<Doc>('crc').countDocuments()).toBe(0);
      await expect(t.db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
    } finally {
      await t.client.db(dbName).dropDatabase();
    }
  });

  it('does not answer a moreToCome request, but runs it', async () => {
    const connection = await raw();
    const dbName = uniqueDbName();
    connection.send(
      opMsg(21, { insert: 'quiet', documents: [{ _id: 1 }], $db: dbName }, MORE_TO_COME),
    );
    connection.send(opMsg(22, { ping: 1, $db: 'admin' }));
    const reply = await connection.next();
    expect(reply?.responseTo).toBe(22); // no reply to request 21
    try {
      expect(await t.client.db(dbName).collection<Doc>('quiet').findOne({ _id: 1 })).toEqual({
        _id: 1,
      });
    } finally {
      await t.client.db(dbName).dropDatabase();
    }
  });

  it('closes a connection that announces a frame over maxMessageSizeBytes', async () => {
    const connection = await raw();
    const head = Buffer.alloc(16);
    head.writeInt32LE(48_000_001, 0);
    head.writeInt32LE(31, 4);
    head.writeInt32LE(OP_MSG, 12);
    connection.send(head);
    await connection.untilClosed();
    await expect(t.db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });
});
