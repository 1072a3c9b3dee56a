import { randomUUID } from 'node:crypto';

// Ids from clients end up in logs and job payloads: accept only short, plain tokens.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// W3C trace-context level 1: version-traceid-parentid-flags, lowercase hex, ids not all zero.
const TRACEPARENT = /^[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The caller's `x-request-id` when it is a plain token, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID();
}

/** The caller's W3C `traceparent` when well formed, else undefined (a new trace starts here). */
export function traceparentFrom(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
  return value !== undefined && TRACEPARENT.test(value) && !value.startsWith('ff')
    ? value
    : undefined;
}
