import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';

export type SigningAlgorithm = 'EdDSA' | 'ES256';

/** The public half of a signing key as published in the JWKS: never carries private fields. */
export interface PublicJwk extends JWK {
  readonly kty: string;
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly use: 'sig';
}

/** The key accounts signs tokens with. `kid` is the RFC 7638 thumbprint of the public key. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateKey: KeyObject;
  readonly publicJwk: PublicJwk;
}

/** Wraps an Ed25519 or P-256 private key; any other key type is a `TypeError`. */
export async function signingKeyFromPrivateKey(privateKey: KeyObject): Promise<SigningKey> {
  if (privateKey.type !== 'private') {
    throw new TypeError('A signing key must be a private key.');
  }
  const alg = algorithmOf(privateKey);
  const { kty, crv, x, y } = createPublicKey(privateKey).export({ format: 'jwk' });
  if (kty === undefined || crv === undefined || x === undefined) {
    throw new TypeError('The public key could not be exported as a JWK.');
  }
  const base = { kty, crv, x, ...(y === undefined ? {} : { y }) };
  const kid = await calculateJwkThumbprint(base, 'sha256');
  return { kid, alg, privateKey, publicJwk: { ...base, kid, alg, use: 'sig' } };
}

/** A fresh Ed25519 key, for dev and tests. */
export function generateSigningKey(): Promise<SigningKey> {
  return signingKeyFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

/**
 * Reads a private key from text: a PKCS8 PEM (literal `\n` escapes accepted, as env files often
 * hold one line) or a private JWK as JSON. Errors never quote the input, which is a secret.
 */
export function parsePrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as unknown;
      if (typeof jwk !== 'object' || jwk === null) throw new TypeError('not an object');
      return createPrivateKey({ key: jwk as JWK & { kty: string }, format: 'jwk' });
    }
    return createPrivateKey({ key: trimmed.replaceAll('\\n', '\n'), format: 'pem' });
  } catch {
    throw new TypeError('The key is neither a PKCS8 PEM nor a private JWK.');
  }
}

/** Checks that text holds a usable signing key, for config validation. */
export function isUsablePrivateKey(text: string): boolean {
  try {
    algorithmOf(parsePrivateKey(text));
    return true;
  } catch {
    return false;
  }
}

/** The private key as a JWK, to persist the dev key. */
export function exportPrivateJwk(key: SigningKey): JWK {
  return key.privateKey.export({ format: 'jwk' });
}

function algorithmOf(key: KeyObject): SigningAlgorithm {
  if (key.type !== 'private') throw new TypeError('A signing key must be a private key.');
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return 'ES256';
  }
  throw new TypeError('Signing keys must be Ed25519 (EdDSA) or P-256 (ES256).');
}
