import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  exportPrivateJwk,
  generateSigningKey,
  isUsablePrivateKey,
  parsePrivateKey,
  signingKeyFromPrivateKey,
} from '../src/auth/signing-key.js';

describe('signing keys', () => {
  it('publishes only the public half, with kid, alg and use', async () => {
    const key = await generateSigningKey();
    expect(key.alg).toBe('EdDSA');
    expect(key.publicJwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.any(String),
      kid: key.kid,
      alg: 'EdDSA',
      use: 'sig',
    });
    expect(key.publicJwk).not.toHaveProperty('d');
  });

  it('reads a PKCS8 PEM, also with escaped newlines as env files hold it', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const fromPem = await signingKeyFromPrivateKey(parsePrivateKey(pem));
    const fromOneLine = await signingKeyFromPrivateKey(
      parsePrivateKey(pem.trim().replaceAll('\n', '\\n')),
    );
    expect(fromOneLine.kid).toBe(fromPem.kid);
  });

  it('reads a private JWK and derives the same kid', async () => {
    const key = await generateSigningKey();
    const again = await signingKeyFromPrivateKey(
      parsePrivateKey(JSON.stringify(exportPrivateJwk(key))),
    );
    expect(again.kid).toBe(key.kid);
  });

  it('accepts a P-256 key as ES256', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const key = await signingKeyFromPrivateKey(privateKey);
    expect(key.alg).toBe('ES256');
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
  });

  it('rejects other key types and garbage without quoting the input', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const rsaPem = rsa.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(isUsablePrivateKey(rsaPem)).toBe(false);
    expect(isUsablePrivateKey('{"kty":"OKP"}')).toBe(false);
    expect(() => parsePrivateKey('super-secret-garbage')).toThrow(TypeError);
    expect(() => parsePrivateKey('super-secret-garbage')).not.toThrow(/super-secret/);
  });
});
