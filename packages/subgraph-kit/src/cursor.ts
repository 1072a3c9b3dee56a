import { BSON } from 'mongodb';
import { BadUserInputError } from '@tessera/errors';

/** Longer cursors are refused before decoding: a cursor holds a few sort-key values, no more. */
const MAX_CURSOR_LENGTH = 1024;

/**
 * Makes an opaque Relay cursor from the sort-key values of a node, e.g. `{ name, _id }`.
 * Values keep their BSON types (ObjectId, Date) through a round trip, as relaxed Extended JSON in
 * base64url. Opaque means clients must not build or parse it; it is not a secret.
 */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(BSON.EJSON.stringify(value, { relaxed: true }), 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by {@link encodeCursor}.
 * @param field the argument name reported to the client. @defaultValue 'after'
 * @throws BadUserInputError (BAD_USER_INPUT, `extensions.field` = `field`) for anything else,
 * including objects with `$`-prefixed keys: a decoded cursor goes into queries, so it must not be
 * able to smuggle in operators.
 */
export function decodeCursor(cursor: string, field = 'after'): Record<string, unknown> {
  const invalid = () =>
    new BadUserInputError(
      `"${field}" is not a valid cursor. Use a cursor returned by this connection.`,
      field,
    );
  if (
    cursor.length === 0 ||
    cursor.length > MAX_CURSOR_LENGTH ||
    !/^[A-Za-z0-9_-]+$/.test(cursor)
  ) {
    throw invalid();
  }
  let value: unknown;
  try {
    value = BSON.EJSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'), { relaxed: true });
  } catch {
    throw invalid();
  }
  if (!isPlainObject(value) || Object.keys(value).length === 0 || hasOperatorKey(value)) {
    throw invalid();
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasOperatorKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasOperatorKey);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([key, inner]) => key.startsWith('$') || hasOperatorKey(inner));
}
