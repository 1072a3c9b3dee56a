import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '@tessera/errors';
import { decodeCursor, encodeCursor } from '../src/index.js';

function badInput(run: () => unknown): BadUserInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected a BadUserInputError');
}

describe('encodeCursor / decodeCursor', () => {
  it('round-trips sort keys with their BSON types', () => {
    const id = new ObjectId();
    const createdAt = new Date('2026-12-03T10:00:00.000Z');
    const cursor = encodeCursor({ createdAt, _id: id, name: 'Lamp', price: 1299 });
    const decoded = decodeCursor(cursor);
    expect(decoded['_id']).toBeInstanceOf(ObjectId);
    expect((decoded['_id'] as ObjectId).equals(id)).toBe(true);
    expect(decoded['createdAt']).toEqual(createdAt);
    expect(decoded['name']).toBe('Lamp');
    expect(decoded['price']).toBe(1299);
  });

  it('produces URL-safe opaque strings', () => {
    expect(encodeCursor({ name: 'ü/+?&=' })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['an empty string', ''],
    ['non-base64url characters', 'abc$%^'],
    ['base64url that is not JSON', Buffer.from('hello').toString('base64url')],
    ['a JSON array', Buffer.from('[1,2]').toString('base64url')],
    ['a JSON string', Buffer.from('"x"').toString('base64url')],
    ['an empty object', Buffer.from('{}').toString('base64url')],
    ['a query operator', Buffer.from('{"_id":{"$ne":null}}').toString('base64url')],
    ['a nested operator', Buffer.from('{"a":[{"$where":"1"}]}').toString('base64url')],
    ['an oversized cursor', 'A'.repeat(2_000)],
  ])('rejects %s with BAD_USER_INPUT naming the argument', (_name, cursor) => {
    const error = badInput(() => decodeCursor(cursor));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions['field']).toBe('after');
  });

  it('names the field it is given', () => {
    const error = badInput(() => decodeCursor('!!', 'reviewsAfter'));
    expect(error.extensions['field']).toBe('reviewsAfter');
    expect(error.message).toContain('reviewsAfter');
  });
});
