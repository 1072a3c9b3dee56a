import type { Request } from 'express';
import { parseBearer } from '@tessera/auth';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Why a request that may change something must be refused as cross-origin, or `undefined` when
 * it may go on. The dashboard's cookie is SameSite=Strict, but "same site" ignores the port, so
 * a page on any other `http://127.0.0.1:<port>` could still post with it. So every request but
 * GET and HEAD must come from the dashboard's own origin:
 * - `Sec-Fetch-Site`, when the browser sends it, must be `same-origin`;
 * - otherwise the `Origin` header must be the request's own origin (`<protocol>://<Host>`);
 * - a request with `Authorization: Bearer` is exempt: a browser never adds that header across
 *   origins by itself, so it cannot be forged, and API clients send no `Origin`.
 */
export function crossOriginRefusal(req: Request): string | undefined {
  if (SAFE_METHODS.has(req.method)) return undefined;
  if (hasBearer(req)) return undefined;
  const fetchSite = req.get('sec-fetch-site');
  if (fetchSite !== undefined) {
    if (fetchSite.toLowerCase() === 'same-origin') return undefined;
    return `The queue dashboard accepts changes only from its own pages; this request came from elsewhere (Sec-Fetch-Site: ${fetchSite}).`;
  }
  const origin = req.get('origin');
  const own = req.headers.host === undefined ? undefined : `${req.protocol}://${req.headers.host}`;
  if (origin === undefined) {
    return 'The queue dashboard accepts changes only from its own pages, and this request has neither a Sec-Fetch-Site nor an Origin header. API clients send "Authorization: Bearer <token>" instead of the cookie.';
  }
  if (own !== undefined && origin.toLowerCase() === own.toLowerCase()) return undefined;
  return `The queue dashboard accepts changes only from its own pages; this request's Origin ${origin} is not ${own ?? 'the dashboard’s origin'}.`;
}

function hasBearer(req: Request): boolean {
  try {
    return parseBearer(req.headers.authorization) !== null;
  } catch {
    // A malformed Authorization header authenticates nothing; the admin check answers it.
    return false;
  }
}
