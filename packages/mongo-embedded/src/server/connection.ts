import type { Socket } from 'node:net';
import type { Document } from 'bson';
import type { Dispatcher } from '../commands/dispatcher.js';
import type { Logger } from '../logger.js';
import { FrameDecoder } from '../wire/frame-decoder.js';
import { decodeOpMsg, encodeOpMsg } from '../wire/op-msg.js';
import { decodeOpQuery, encodeOpReply } from '../wire/op-query.js';
import { OpCode, OpMsgFlags, readHeader } from '../wire/opcodes.js';
import { ProtocolError } from '../wire/protocol-error.js';

let nextResponseId = 1;

/**
 * One client connection. Frames are handled strictly in arrival order (a promise chain), so
 * replies never overtake each other. A protocol error closes this socket only.
 */
export class Connection {
  private readonly decoder = new FrameDecoder();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: Socket,
    readonly id: number,
    private readonly dispatcher: Dispatcher,
    private readonly logger: Logger,
    private readonly beforeReply: () => void = () => {},
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => {
      this.closed = true;
    });
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.fail(error);
      return;
    }
    for (const frame of frames) {
      this.queue = this.queue
        .then(() => this.handle(frame))
        .catch((error: unknown) => this.fail(error));
    }
  }

  private async handle(frame: Buffer): Promise<void> {
    if (this.closed) return;
    const header = readHeader(frame);
    if (header.opCode === OpCode.Msg) {
      const request = decodeOpMsg(frame, header.requestId);
      const reply = await this.dispatcher.run(request.body, { connectionId: this.id });
      if ((request.flags & OpMsgFlags.MoreToCome) !== 0) return;
      this.write(encodeReply((doc) => encodeOpMsg(nextResponseId++, header.requestId, doc), reply));
      return;
    }
    if (header.opCode === OpCode.Query) {
      const request = decodeOpQuery(frame, header.requestId);
      const dot = request.fullCollectionName.indexOf('.');
      if (dot < 0 || request.fullCollectionName.slice(dot + 1) !== '$cmd') {
        throw new ProtocolError(
          `legacy OP_QUERY on ${request.fullCollectionName} is not supported`,
        );
      }
      const command = unwrapQuery(request.query);
      const reply = await this.dispatcher.run(
        { ...command, $db: request.fullCollectionName.slice(0, dot) },
        { connectionId: this.id, legacy: true },
      );
      this.write(
        encodeReply((doc) => encodeOpReply(nextResponseId++, header.requestId, doc), reply),
      );
      return;
    }
    throw new ProtocolError(`unsupported opCode ${header.opCode}`);
  }

  private write(message: Buffer): void {
    try {
      this.beforeReply();
    } catch (error) {
      this.logger.error(`journal write failed: ${(error as Error).message}`);
    }
    if (!this.closed && this.socket.writable) this.socket.write(message);
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    const reason = error instanceof Error ? error.message : String(error);
    const kind = error instanceof ProtocolError ? 'protocol error' : 'internal error';
    this.logger.warn(`connection ${this.id}: ${kind}: ${reason}; closing the connection`);
    this.close();
  }
}

/**
 * Serializes a reply; one that cannot be (too large, or a value BSON cannot hold) becomes an
 * error reply instead of a dropped connection.
 */
function encodeReply(encode: (doc: Document) => Buffer, reply: Document): Buffer {
  try {
    return encode(reply);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const tooLarge = /size|large|range/i.test(message);
    return encode({
      ok: 0,
      errmsg: `cannot encode the reply: ${message}`,
      code: tooLarge ? 10334 : 1,
      codeName: tooLarge ? 'BSONObjectTooLarge' : 'InternalError',
    });
  }
}

/** Old drivers wrap an OP_QUERY command as `{$query: {...}, $readPreference: ...}`. */
function unwrapQuery(query: Document): Document {
  const inner: unknown = query.$query ?? query.query;
  if (
    inner !== null &&
    typeof inner === 'object' &&
    !Array.isArray(inner) &&
    Object.keys(query)[0]?.startsWith('$')
  ) {
    return inner;
  }
  return query;
}
