import type { Document } from 'bson';
import { asBoolean, asNumber } from '../bson-number.js';
import { mongoError } from '../mongo-error.js';
import { isPlainObject } from '../storage/document-path.js';

/** The collection name a command targets (`{find: 'users'}`). */
export function collectionName(body: Document, command: string): string {
  const value: unknown = body[command];
  if (typeof value !== 'string' || value.length === 0) {
    throw mongoError(
      'InvalidNamespace',
      `collection name has invalid type ${value === null ? 'null' : typeof value}`,
    );
  }
  return value;
}

export function optionalDocument(body: Document, field: string): Document | undefined {
  const value: unknown = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    throw mongoError('TypeMismatch', `BSON field '${field}' is the wrong type, expected object`);
  }
  return value;
}

export function optionalNumber(body: Document, field: string): number | undefined {
  const value: unknown = body[field];
  if (value === undefined || value === null) return undefined;
  const n = asNumber(value);
  if (n === undefined) {
    throw mongoError('TypeMismatch', `BSON field '${field}' is the wrong type, expected a number`);
  }
  return n;
}

export function nonNegative(body: Document, field: string): number | undefined {
  const n = optionalNumber(body, field);
  if (n !== undefined && n < 0) {
    throw mongoError('BadValue', `${field} value must be non-negative, but received: ${n}`);
  }
  return n;
}

export function optionalBoolean(body: Document, field: string, fallback: boolean): boolean {
  const value: unknown = body[field];
  return value === undefined || value === null ? fallback : asBoolean(value);
}

export function documentArray(body: Document, field: string): Document[] {
  const value: unknown = body[field];
  if (!Array.isArray(value) || !value.every(isPlainObject)) {
    throw mongoError('TypeMismatch', `BSON field '${field}' is missing or not an array of objects`);
  }
  return value;
}
