import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import {
  createTokenVerifier,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ROLES_CLAIM,
  type TokenVerifier,
} from '@tessera/auth';

export interface TestTokenClaims {
  /** The user id. @defaultValue 'user-1' */
  readonly sub?: string;
  /** @defaultValue ['customer'] */
  readonly roles?: readonly string[];
  /** Space-separated scopes. @defaultValue omitted */
  readonly scope?: string;
  /** A jose duration or an absolute epoch-seconds time. @defaultValue '15m' */
  readonly expiresIn?: string | number;
  /** Overrides the issuer's `iss`, to test a wrong issuer. */
  readonly issuer?: string;
  /** Overrides the issuer's `aud`, to test a wrong audience. */
  readonly audience?: string;
}

export interface TestIssuer {
  /** The public keys, as accounts would serve them. */
  readonly jwks: JSONWebKeySet;
  /** A verifier that trusts exactly this issuer's key. */
  readonly verifyToken: TokenVerifier;
  /** Signs a token as accounts would. */
  sign(claims?: TestTokenClaims): Promise<string>;
}

/**
 * A throwaway token issuer for tests: an Ed25519 key pair generated in memory (never written
 * anywhere), with the dev issuer and audience unless told otherwise.
 */
export async function createTestIssuer(
  options: { readonly issuer?: string; readonly audience?: string } = {},
): Promise<TestIssuer> {
  const issuer = options.issuer ?? DEV_ISSUER;
  const audience = options.audience ?? DEV_AUDIENCE;
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const kid = `test-${Math.random().toString(36).slice(2, 10)}`;
  const jwks: JSONWebKeySet = {
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }],
  };
  const verifyToken = createTokenVerifier({ jwks: createLocalJWKSet(jwks), issuer, audience });
  const sign = async (claims: TestTokenClaims = {}) => {
    const jwt = new SignJWT({
      [ROLES_CLAIM]: [...(claims.roles ?? ['customer'])],
      ...(claims.scope === undefined ? {} : { scope: claims.scope }),
    })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject(claims.sub ?? 'user-1')
      .setIssuer(claims.issuer ?? issuer)
      .setAudience(claims.audience ?? audience)
      .setIssuedAt()
      .setExpirationTime(claims.expiresIn ?? '15m');
    return jwt.sign(privateKey);
  };
  return { jwks, verifyToken, sign };
}
