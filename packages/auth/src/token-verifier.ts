import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '@tessera/errors';
import { KeySetUnavailableError } from './key-set-unavailable-error.js';
import type { Principal } from './principal.js';
import { ROLES_CLAIM, TOKEN_ALGORITHMS, type TokenAlgorithm } from './token-claims.js';

export interface TokenVerifierOptions {
  /** A JWKS URL (fetched lazily, cached and rotated by jose) or a key resolver. */
  readonly jwks: URL | JWTVerifyGetKey;
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms?: readonly TokenAlgorithm[];
  /** Seconds of allowed clock skew. @defaultValue 60 */
  readonly clockToleranceSeconds?: number;
  /** For tests: the verification time. */
  readonly currentDate?: () => Date;
}

/**
 * Resolves a token to its principal. Rejects with `UnauthenticatedError` when the token is the
 * caller's fault (malformed, expired, forged, wrong issuer or audience) and with
 * `KeySetUnavailableError` when the signing keys cannot be obtained (our outage).
 */
export type TokenVerifier = (token: string) => Promise<Principal>;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const resolver =
    options.jwks instanceof URL
      ? createRemoteJWKSet(options.jwks, { timeoutDuration: 5_000 })
      : options.jwks;
  const keys = separateKeySetOutages(resolver);
  const algorithms = [...(options.algorithms ?? TOKEN_ALGORITHMS)];
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        clockTolerance: options.clockToleranceSeconds ?? 60,
        requiredClaims: ['sub', 'exp', 'iat'],
        ...(options.currentDate ? { currentDate: options.currentDate() } : {}),
      }));
    } catch (error) {
      throw toUnauthenticated(error);
    }
    return principalFrom(payload);
  };
}

function principalFrom(payload: JWTPayload): Principal {
  const roles = payload[ROLES_CLAIM];
  const scope = payload['scope'];
  return {
    userId: String(payload.sub),
    roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
    scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [],
  };
}

/**
 * jose reports a JWKS that cannot be fetched (connection refused, timeout, non-200, bad JSON)
 * with the same rejection path as a bad token. Only the key lookup itself can fail for a reason
 * the caller controls (no key with that `kid`/`alg`), so everything else the resolver throws is
 * re-labelled as an outage before jose's verification errors are mapped to 401.
 */
function separateKeySetOutages(resolver: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await resolver(header, token);
    } catch (error) {
      if (isCallerKeyError(error)) throw error;
      throw new KeySetUnavailableError({ cause: error });
    }
  };
}

function isCallerKeyError(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid
  );
}

function toUnauthenticated(error: unknown): Error {
  // Key-set outages are ours, not the caller's: they must not turn into a 401.
  if (error instanceof KeySetUnavailableError) return error;
  if (error instanceof errors.JWTExpired) {
    return new UnauthenticatedError('The access token has expired. Log in again.', {
      cause: error,
    });
  }
  return new UnauthenticatedError('The access token is invalid. Log in again to get a new one.', {
    cause: error,
  });
}
