import type { Request } from 'express';
import { parseBearer } from '@tessera/auth';

/** The HttpOnly cookie that carries the admin's token once they have signed in to the dashboard. */
export const DASHBOARD_COOKIE = 'tessera_queue_admin';

/**
 * The admin token of a dashboard request: the `Authorization: Bearer` header, else the sign-in
 * cookie. A cookie that is not valid percent-encoding counts as no token (the sign-in page),
 * not as a server error. A malformed Authorization header throws `UnauthenticatedError`.
 */
export function dashboardToken(req: Request): string | undefined {
  const bearer = parseBearer(req.headers.authorization);
  if (bearer) return bearer;
  const cookies = req.headers.cookie?.split(';') ?? [];
  for (const cookie of cookies) {
    const [name, ...value] = cookie.trim().split('=');
    if (name !== DASHBOARD_COOKIE) continue;
    try {
      return decodeURIComponent(value.join('=')) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The `exp` of a token that the verifier has already accepted, as a date; `undefined` when the
 * token has none. Read without a second verification: only the cookie's lifetime depends on it.
 * (`Principal` carries no expiry, and `jose` is not a dependency of orders, so the payload is
 * decoded here: it is the JWS compact serialization's second, base64url, segment.)
 */
export function tokenExpiry(token: string): Date | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}
