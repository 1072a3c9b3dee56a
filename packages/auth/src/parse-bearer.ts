import { UnauthenticatedError } from '@tessera/errors';

/**
 * Reads an `Authorization` header. No header means an anonymous caller (null); a header that is
 * not `Bearer <token>` is a client mistake worth a clear 401, not a silent anonymous call.
 */
export function parseBearer(header: string | undefined): string | null {
  if (header === undefined || header.trim() === '') return null;
  const match = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
  }
  return match[1];
}
