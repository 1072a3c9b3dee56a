import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../src/auth/password-hasher.js';

describe('password hashing', () => {
  it('verifies the password it hashed', async () => {
    const hash = await hashPassword('correct horse battery staple');
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
  });

  it('rejects a wrong password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    await expect(verifyPassword('correct horse battery stapler', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('stores a versioned scrypt string with its parameters and a random salt', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
  });

  it('verifies against the parameters stored in the hash, so the cost can be raised later', async () => {
    const cheap = await hashPassword('pw', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    await expect(verifyPassword('pw', cheap)).resolves.toBe(true);
  });

  it('treats canonically equivalent Unicode spellings as the same password', async () => {
    const hash = await hashPassword('caf\u00e9');
    await expect(verifyPassword('cafe\u0301', hash)).resolves.toBe(true);
  });

  it('throws a TypeError for a stored value it did not write', async () => {
    await expect(verifyPassword('pw', 'plaintext')).rejects.toBeInstanceOf(TypeError);
    await expect(
      verifyPassword('pw', 'scrypt$3$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA'),
    ).rejects.toThrow(/power of two/);
  });

  it('refuses parameters that would let a stored row exhaust memory', async () => {
    await expect(hashPassword('pw', { N: 1 << 22, r: 8, p: 1 })).rejects.toBeInstanceOf(TypeError);
  });
});
