import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, SignJWT, type JWTVerifyGetKey } from 'jose';
import { ROLES_CLAIM } from '@tessera/auth';
import { scopesForRoles } from './scopes.js';
import type { PublicJwk, SigningKey } from './signing-key.js';

export interface TokenIssuerOptions {
  readonly key: SigningKey;
  /** The `iss` claim; verifiers pin it (`JWT_ISSUER`). */
  readonly issuer: string;
  /** The `aud` claim; verifiers pin it (`JWT_AUDIENCE`). */
  readonly audience: string;
  /** Token lifetime. @defaultValue 3600 */
  readonly ttlSeconds?: number;
  /** The clock, for tests. @defaultValue `() => new Date()` */
  readonly now?: () => Date;
}

/** Who a token is for. */
export interface TokenSubject {
  readonly id: string;
  readonly roles: readonly string[];
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface TokenIssuer {
  issue(subject: TokenSubject): Promise<IssuedToken>;
  /** The public JWKS document served at `/.well-known/jwks.json`. */
  readonly jwks: { readonly keys: readonly PublicJwk[] };
  /** Resolves verification keys locally, so accounts checks its own tokens without HTTP. */
  readonly keyResolver: JWTVerifyGetKey;
}

export function createTokenIssuer(options: TokenIssuerOptions): TokenIssuer {
  const { key, issuer, audience } = options;
  const ttlSeconds = options.ttlSeconds ?? 3600;
  const now = options.now ?? (() => new Date());
  const jwks = { keys: [key.publicJwk] };
  return {
    jwks,
    keyResolver: createLocalJWKSet({ keys: [...jwks.keys] }),
    async issue(subject) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      const expiresAt = issuedAt + ttlSeconds;
      const token = await new SignJWT({
        scope: scopesForRoles(subject.roles).join(' '),
        [ROLES_CLAIM]: [...subject.roles],
      })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(subject.id)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .setJti(randomUUID())
        .sign(key.privateKey);
      return { token, expiresAt: new Date(expiresAt * 1000) };
    },
  };
}
