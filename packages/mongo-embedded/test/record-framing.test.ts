import { describe, expect, it } from 'vitest';
import { decodeFrames, encodeFrame } from '../src/storage/persistence/record-framing.js';

describe('journal record framing', () => {
  const one = encodeFrame([{ lsn: 1 }, { o: 'insert', doc: { _id: 'a' } }]);
  const two = encodeFrame([{ lsn: 2 }, { o: 'delete', id: 'a' }]);

  it('reads back every whole record', () => {
    const decoded = decodeFrames(Buffer.concat([one, two]));
    expect(decoded.tornTail).toBe(false);
    expect(decoded.frames.map((f) => f.length)).toEqual([2, 2]);
    expect(decoded.frames[1]?.[1]).toEqual({ o: 'delete', id: 'a' });
  });

  it('stops at a record cut short by a crash and reports where valid data ends', () => {
    const data = Buffer.concat([one, two.subarray(0, two.length - 3)]);
    const decoded = decodeFrames(data);
    expect(decoded.frames).toHaveLength(1);
    expect(decoded.validLength).toBe(one.length);
    expect(decoded.tornTail).toBe(true);
  });

  it('stops at a record whose bytes no longer match its checksum', () => {
    const damaged = Buffer.from(Buffer.concat([one, two]));
    const at = damaged.length - 2;
    damaged.writeUInt8((damaged.readUInt8(at) ^ 0xff) & 0xff, at);
    const decoded = decodeFrames(damaged);
    expect(decoded.frames).toHaveLength(1);
    expect(decoded.tornTail).toBe(true);
  });
});
