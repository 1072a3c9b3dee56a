import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier, ROLES_CLAIM } from '@tessera/auth';
import { generateSigningKey } from '../src/auth/signing-key.js';
import { createTokenIssuer } from '../src/auth/token-issuer.js';

const issuer = 'https://accounts.test';
const audience = 'tessera-test';
const now = new Date('2026-12-03T12:00:00Z');

async function setup(ttlSeconds?: number) {
  const key = await generateSigningKey();
  const tokens = createTokenIssuer({
    key,
    issuer,
    audience,
    now: () => now,
    ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
  });
  const verify = createTokenVerifier({
    jwks: tokens.keyResolver,
    issuer,
    audience,
    currentDate: () => now,
  });
  return { key, tokens, verify };
}

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('token issuer', () => {
  it('issues a token the shared verifier accepts, with the principal of the user', async () => {
    const { tokens, verify } = await setup();
    const { token } = await tokens.issue({ id: 'usr_0001', roles: ['customer'] });
    await expect(verify(token)).resolves.toEqual({
      userId: 'usr_0001',
      roles: ['customer'],
      scopes: ['profile', 'orders:read', 'orders:write', 'reviews:write'],
    });
  });

  it('sets iss, aud, sub, iat, exp from the TTL, scope and roles, and an EdDSA header with kid', async () => {
    const { key, tokens } = await setup(600);
    const { token, expiresAt } = await tokens.issue({
      id: 'usr_0002',
      roles: ['customer', 'admin'],
    });
    const epoch = now.getTime() / 1000;
    expect(claimsOf(token)).toMatchObject({
      iss: issuer,
      aud: audience,
      sub: 'usr_0002',
      iat: epoch,
      exp: epoch + 600,
      scope: 'profile orders:read orders:write reviews:write admin',
      [ROLES_CLAIM]: ['customer', 'admin'],
    });
    expect(expiresAt.toISOString()).toBe('2026-12-03T12:10:00.000Z');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' });
  });

  it('defaults to a one-hour lifetime', async () => {
    const { tokens } = await setup();
    const { expiresAt } = await tokens.issue({ id: 'u', roles: [] });
    expect(expiresAt.getTime() - now.getTime()).toBe(3_600_000);
  });

  it('issues tokens that another key set rejects with UNAUTHENTICATED', async () => {
    const { tokens } = await setup();
    const other = await setup();
    const { token } = await tokens.issue({ id: 'usr_0001', roles: ['admin'] });
    await expect(other.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('publishes a JWKS with the public key only', async () => {
    const { key, tokens } = await setup();
    expect(tokens.jwks).toEqual({ keys: [key.publicJwk] });
    expect(JSON.stringify(tokens.jwks)).not.toContain('"d"');
  });
});
