import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters. Stored with every hash so they can be raised without a migration. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. @defaultValue 16384 */
  readonly N: number;
  /** Block size. @defaultValue 8 */
  readonly r: number;
  /** Parallelism. @defaultValue 1 */
  readonly p: number;
}

export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 16_384, r: 8, p: 1 };

const SCHEME = 'scrypt';
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Upper bounds for parameters read back from storage: a corrupted or hostile row must not be able
// to make one login allocate gigabytes.
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

/**
 * Hashes a password with scrypt and a random salt. The result is self-describing:
 * `scrypt$N$r$p$<salt base64url>$<hash base64url>`.
 */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  assertParams(params);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, KEY_BYTES, params);
  return [
    SCHEME,
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
}

/**
 * Checks a password against a stored hash in constant time. Throws a `TypeError` when the stored
 * value is not a hash this module wrote: that is a data bug, not a wrong password.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  const actual = await derive(password, parsed.salt, parsed.hash.length, parsed.params);
  return timingSafeEqual(actual, parsed.hash);
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parseHash(stored: string): ParsedHash {
  const parts = stored.split('$');
  const [scheme, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== SCHEME || !salt || !hash) {
    throw new TypeError('The stored password hash is not in the scrypt$N$r$p$salt$hash format.');
  }
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  assertParams(params);
  const hashBytes = Buffer.from(hash, 'base64url');
  if (hashBytes.length < 16) {
    throw new TypeError('The stored password hash is too short.');
  }
  return { params, salt: Buffer.from(salt, 'base64url'), hash: hashBytes };
}

function assertParams({ N, r, p }: ScryptParams): void {
  const ok =
    Number.isInteger(N) &&
    N > 1 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= MAX_R &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= MAX_P;
  if (!ok) {
    throw new TypeError(
      `scrypt parameters out of range: N must be a power of two up to ${MAX_N}, r 1..${MAX_R}, p 1..${MAX_P}.`,
    );
  }
}

function derive(password: string, salt: Buffer, keyLength: number, params: ScryptParams) {
  // Node refuses scrypt above 32 MiB by default; the need is 128 * N * r bytes, so allow twice it.
  const maxmem = 256 * params.N * params.r + 1024 * 1024;
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      keyLength,
      { N: params.N, r: params.r, p: params.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
