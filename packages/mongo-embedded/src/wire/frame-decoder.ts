import { HEADER_SIZE, MAX_MESSAGE_SIZE } from './opcodes.js';
import { ProtocolError } from './protocol-error.js';

/**
 * Splits a TCP byte stream into whole wire-protocol frames. The length prefix is validated
 * before any buffering, so a hostile length cannot make the server allocate 2 GB.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxMessageSize = MAX_MESSAGE_SIZE) {}

  /** Adds received bytes and returns the frames now complete. Throws ProtocolError. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    while (this.buffered >= 4) {
      const head = this.peek(4);
      const length = head.readInt32LE(0);
      if (length < HEADER_SIZE || length > this.maxMessageSize) {
        throw new ProtocolError(
          `invalid message length ${length} (allowed ${HEADER_SIZE}..${this.maxMessageSize})`,
        );
      }
      if (this.buffered < length) break;
      frames.push(this.take(length));
    }
    return frames;
  }

  private peek(size: number): Buffer {
    const first = this.chunks[0];
    if (first !== undefined && first.length >= size) return first.subarray(0, size);
    this.chunks = [Buffer.concat(this.chunks)];
    return (this.chunks[0] ?? Buffer.alloc(0)).subarray(0, size);
  }

  private take(size: number): Buffer {
    let all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    all ??= Buffer.alloc(0);
    const frame = all.subarray(0, size);
    const rest = all.subarray(size);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return frame;
  }
}
