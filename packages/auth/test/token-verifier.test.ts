import {
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWTVerifyGetKey,
} from 'jose';
import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '@tessera/errors';
import { createTokenVerifier, KeySetUnavailableError, parseBearer } from '../src/index.js';

const issuer = 'https://accounts.test';
const audience = 'tessera';
const now = new Date('2026-12-03T12:00:00Z');
const epoch = Math.floor(now.getTime() / 1000);

async function setup() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' };
  const verify = createTokenVerifier({
    jwks: createLocalJWKSet({ keys: [jwk] }),
    issuer,
    audience,
    currentDate: () => now,
  });
  const sign = (claims: Record<string, unknown>, exp = epoch + 900, key = privateKey) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('user-1')
      .setIssuedAt(epoch - 10)
      .setExpirationTime(exp)
      .sign(key);
  return { verify, sign };
}

describe('createTokenVerifier', () => {
  it('returns the principal of a valid token', async () => {
    const { verify, sign } = await setup();
    const principal = await verify(await sign({ roles: ['customer'], scope: 'profile orders' }));
    expect(principal).toEqual({
      userId: 'user-1',
      roles: ['customer'],
      scopes: ['profile', 'orders'],
    });
  });

  it('accepts a token expired less than the 60 s clock tolerance ago', async () => {
    const { verify, sign } = await setup();
    await expect(verify(await sign({}, epoch - 30))).resolves.toMatchObject({ userId: 'user-1' });
  });

  it('rejects an expired token with UNAUTHENTICATED and a message saying so', async () => {
    const { verify, sign } = await setup();
    const error = await verify(await sign({}, epoch - 120)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as UnauthenticatedError).code).toBe('UNAUTHENTICATED');
    expect((error as Error).message).toMatch(/expired/);
  });

  it('rejects a token signed by another key', async () => {
    const { verify } = await setup();
    const other = await setup();
    const forged = await other.sign({ roles: ['admin'] });
    await expect(verify(forged)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/invalid/),
    });
  });

  it('rejects garbage and an alg=none token', async () => {
    const { verify } = await setup();
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`;
    await expect(verify('not-a-jwt')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verify(none)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('parseBearer', () => {
  it('treats a missing header as anonymous and extracts a bearer token', () => {
    expect(parseBearer(undefined)).toBeNull();
    expect(parseBearer('Bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it('rejects a header that is not a bearer token', () => {
    expect(() => parseBearer('Basic dXNlcjpwYXNz')).toThrow(UnauthenticatedError);
    expect(() => parseBearer('Bearer')).toThrow(/Bearer <token>/);
  });
});

describe('createTokenVerifier when the key set is unavailable', () => {
  async function tokenAndVerifier(resolver: JWTVerifyGetKey) {
    const { sign } = await setup();
    const verify = createTokenVerifier({
      jwks: resolver,
      issuer,
      audience,
      currentDate: () => now,
    });
    return { verify, token: await sign({}) };
  }

  it.each([
    ['a refused connection', new TypeError('fetch failed')],
    ['a timeout', new errors.JWKSTimeout()],
    ['a non-200 answer', new errors.JOSEError('Expected 200 OK')],
    ['a malformed key set', new errors.JWKSInvalid()],
  ])('reports %s as KeySetUnavailableError, not UNAUTHENTICATED', async (_name, failure) => {
    const { verify, token } = await tokenAndVerifier(() => Promise.reject(failure));
    const error = await verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeySetUnavailableError);
    expect((error as KeySetUnavailableError).code).toBe('DOWNSTREAM_SERVICE_ERROR');
  });

  it('still reports a token whose key is not in the set as UNAUTHENTICATED', async () => {
    const { verify, token } = await tokenAndVerifier(() =>
      Promise.reject(new errors.JWKSNoMatchingKey()),
    );
    await expect(verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
