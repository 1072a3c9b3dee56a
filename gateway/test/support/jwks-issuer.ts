import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export const TEST_ISSUER = 'https://accounts.gateway-test';
export const TEST_AUDIENCE = 'tessera-gateway-test';

export interface TokenOptions {
  readonly sub?: string;
  readonly roles?: string[];
  /** Seconds from now; negative = already expired. @defaultValue 900 */
  readonly expiresIn?: number;
  readonly issuer?: string;
  readonly audience?: string;
  /** Sign with a key the JWKS does not publish (a forgery). */
  readonly foreignKey?: boolean;
}

/** A throwaway Ed25519 issuer: serves its JWKS on 127.0.0.1 and signs test tokens. */
export async function startJwksIssuer() {
  const kid = 'test-key';
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sign = (options: TokenOptions = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const key: CryptoKey = options.foreignKey ? foreign.privateKey : privateKey;
    return new SignJWT({ roles: options.roles ?? ['customer'], scope: 'profile' })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setIssuer(options.issuer ?? TEST_ISSUER)
      .setAudience(options.audience ?? TEST_AUDIENCE)
      .setSubject(options.sub ?? 'user-1')
      .setIssuedAt(now - 5)
      .setExpirationTime(now + (options.expiresIn ?? 900))
      .sign(key);
  };

  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    sign,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
