import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '@tessera/errors';
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

export type TokenVerifier = (token: string) => Promise<Principal>;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys =
    options.jwks instanceof URL
      ? createRemoteJWKSet(options.jwks, { timeoutDuration: 5_000 })
      : options.jwks;
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

function toUnauthenticated(error: unknown): UnauthenticatedError {
  // Key-set outages are ours, not the caller's: let them surface as internal errors.
  if (
    error instanceof errors.JWKSTimeout ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')
  ) {
    throw error;
  }
  if (error instanceof errors.JWTExpired) {
    return new UnauthenticatedError('The access token has expired. Log in again.', {
      cause: error,
    });
  }
  return new UnauthenticatedError('The access token is invalid. Log in again to get a new one.', {
    cause: error,
  });
}
