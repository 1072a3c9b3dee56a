import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestIssuer, freePort, uniqueName } from '../src/index.js';

describe('uniqueName', () => {
  it('makes distinct names that are valid MongoDB database names', () => {
    const names = new Set(Array.from({ length: 50 }, () => uniqueName('Orders-Saga.test')));
    expect(names.size).toBe(50);
    for (const name of names) {
      expect(name).toMatch(/^orders_saga_test_[a-z0-9]+_[0-9a-f]{8}$/);
      expect(name.length).toBeLessThanOrEqual(63);
    }
  });

  it('stays within 63 characters for a long prefix', () => {
    expect(uniqueName('x'.repeat(200)).length).toBeLessThanOrEqual(63);
  });
});

describe('freePort', () => {
  it('returns a port that can be bound on 127.0.0.1', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
    expect(port).toBeGreaterThan(0);
  });
});

describe('createTestIssuer', () => {
  it('signs tokens its verifier accepts, with roles and scopes', async () => {
    const issuer = await createTestIssuer();
    const token = await issuer.sign({
      sub: 'u-9',
      roles: ['admin'],
      scope: 'orders:read orders:write',
    });
    expect(await issuer.verifyToken(token)).toEqual({
      userId: 'u-9',
      roles: ['admin'],
      scopes: ['orders:read', 'orders:write'],
    });
  });

  it('publishes only the public key in its JWKS', async () => {
    const issuer = await createTestIssuer();
    const [key] = issuer.jwks.keys;
    expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(key).not.toHaveProperty('d');
  });

  it.each([
    ['another issuer', { issuer: 'https://evil.example' }],
    ['another audience', { audience: 'someone-else' }],
    ['an expired token', { expiresIn: Math.floor(Date.now() / 1000) - 3_600 }],
  ])('produces tokens rejected with UNAUTHENTICATED for %s', async (_name, claims) => {
    const issuer = await createTestIssuer();
    await expect(issuer.verifyToken(await issuer.sign(claims))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('does not trust tokens of another test issuer', async () => {
    const [a, b] = await Promise.all([createTestIssuer(), createTestIssuer()]);
    await expect(a.verifyToken(await b.sign())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
