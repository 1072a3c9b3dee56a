import { describe, expect, it, vi } from 'vitest';
import * as hasher from '../src/auth/password-hasher.js';
import { createLoginService } from '../src/auth/login.js';
import { generateSigningKey } from '../src/auth/signing-key.js';
import { createTokenIssuer } from '../src/auth/token-issuer.js';
import type { UserDocument, UsersRepository } from '../src/repositories/users.js';

// Spy on the hasher to see which path login takes, while keeping the real scrypt work.
const verifySpy = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('../src/auth/password-hasher.js', async (importOriginal) => {
  const actual = await importOriginal<typeof hasher>();
  return {
    ...actual,
    verifyPassword: async (password: string, stored: string) => {
      verifySpy.calls.push(stored);
      return actual.verifyPassword(password, stored);
    },
  };
});

async function setup() {
  const user: UserDocument = {
    _id: 'usr_0001',
    email: 'demo@tessera.dev',
    name: 'Dana Demo',
    roles: ['customer'],
    passwordHash: await hasher.hashPassword('tessera-demo', { N: 1024, r: 8, p: 1 }),
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
  const lookups: string[] = [];
  const users: UsersRepository = {
    findByEmailWithHash: (email) => {
      lookups.push(email);
      return Promise.resolve(email === user.email ? user : null);
    },
    findByIds: () => Promise.resolve([]),
    findPage: () => Promise.resolve([]),
  };
  const tokens = createTokenIssuer({
    key: await generateSigningKey(),
    issuer: 'https://accounts.test',
    audience: 'tessera',
  });
  verifySpy.calls.length = 0;
  return { user, lookups, login: createLoginService({ users, tokens }) };
}

describe('login', () => {
  it('returns a token, its ISO expiry and the user without the hash', async () => {
    const { login } = await setup();
    const result = await login({ email: 'demo@tessera.dev', password: 'tessera-demo' });
    expect(result.token.split('.')).toHaveLength(3);
    expect(result.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(result.user).toMatchObject({ _id: 'usr_0001', email: 'demo@tessera.dev' });
    expect(result.user).not.toHaveProperty('passwordHash');
  });

  it('normalises the email before looking it up', async () => {
    const { login, lookups } = await setup();
    await login({ email: '  Demo@Tessera.DEV ', password: 'tessera-demo' });
    expect(lookups).toEqual(['demo@tessera.dev']);
  });

  it('gives the same UNAUTHENTICATED error for a wrong password and an unknown email', async () => {
    const { login } = await setup();
    const wrong = await login({ email: 'demo@tessera.dev', password: 'nope' }).catch(
      (e: unknown) => e,
    );
    const unknown = await login({ email: 'who@tessera.dev', password: 'nope' }).catch(
      (e: unknown) => e,
    );
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Invalid email or password.' });
    expect(unknown).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Invalid email or password.',
    });
    expect((unknown as Error).message).toBe((wrong as Error).message);
  });

  it('still runs scrypt for an unknown email, against a dummy hash', async () => {
    const { login, user } = await setup();
    await login({ email: 'who@tessera.dev', password: 'nope' }).catch(() => undefined);
    expect(verifySpy.calls).toHaveLength(1);
    expect(verifySpy.calls[0]).toMatch(/^scrypt\$/);
    expect(verifySpy.calls[0]).not.toBe(user.passwordHash);
  });

  it('rejects a malformed email with BAD_USER_INPUT naming the field, before any lookup', async () => {
    const { login, lookups } = await setup();
    await expect(login({ email: 'not-an-email', password: 'x' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'email' },
    });
    expect(lookups).toEqual([]);
  });

  it('rejects an empty or oversized password with BAD_USER_INPUT naming the field', async () => {
    const { login } = await setup();
    for (const password of ['', 'x'.repeat(1025)]) {
      await expect(login({ email: 'demo@tessera.dev', password })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        extensions: { field: 'password' },
      });
    }
  });
});
