import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  capturingLogger,
  createTestIssuer,
  eventually,
  freePort,
  uniqueName,
  waitFor,
} from '../src/index.js';

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

describe('eventually', () => {
  it('resolves with the first value the check returns, polling until then', async () => {
    let calls = 0;
    const value = await eventually(() => (++calls < 3 ? undefined : { calls }), 'the third call', {
      intervalMs: 1,
    });
    expect(value).toEqual({ calls: 3 });
  });

  it('keeps a falsy value other than undefined (0, false, null)', async () => {
    expect(await eventually(() => 0, 'zero')).toBe(0);
    expect(await eventually(() => null, 'null')).toBeNull();
  });

  it('fails after the timeout with a message naming what it waited for', async () => {
    await expect(
      eventually(() => undefined, 'the order to settle', { timeoutMs: 30, intervalMs: 5 }),
    ).rejects.toThrow('timed out after 30 ms waiting for the order to settle');
  });
});

describe('waitFor', () => {
  it('resolves once the check is true, and fails naming what it waited for otherwise', async () => {
    let ready = false;
    setTimeout(() => (ready = true), 20);
    await waitFor(() => ready, 'ready', { intervalMs: 1 });
    await expect(waitFor(() => Promise.resolve(false), 'never', { timeoutMs: 20 })).rejects.toThrow(
      'waiting for never',
    );
  });
});

describe('capturingLogger', () => {
  it('records the lines of its children in one list, each with the child’s bindings', () => {
    const logger = capturingLogger();
    logger.child({ queue: 'orders' }).child({ jobId: 'j1' }).warn({ n: 1 }, 'slow');
    logger.info({ n: 2 });
    expect(logger.lines).toEqual([
      { level: 'warn', bindings: { queue: 'orders', jobId: 'j1' }, obj: { n: 1 }, msg: 'slow' },
      { level: 'info', bindings: {}, obj: { n: 2 } },
    ]);
  });
});
