import { z } from 'zod';
import { UnauthenticatedError } from '@tessera/errors';
import { parseInput } from '../validation.js';
import type { UserRecord, UsersRepository } from '../repositories/users.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import type { TokenIssuer } from './token-issuer.js';

const loginInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'must be at most 254 characters')
    .pipe(z.email('must be an email address')),
  // The cap keeps one request from feeding megabytes to scrypt.
  password: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
});

export interface LoginResult {
  readonly token: string;
  /** ISO-8601. */
  readonly expiresAt: string;
  readonly user: UserRecord;
}

export interface LoginDeps {
  readonly users: UsersRepository;
  readonly tokens: TokenIssuer;
}

/** Checks credentials and issues tokens. */
export type LoginService = (args: unknown) => Promise<LoginResult>;

const INVALID_CREDENTIALS = 'Invalid email or password.';
const DUMMY_PASSWORD = 'tessera-dummy-password-for-unknown-emails';

/**
 * An unknown email and a wrong password throw the same UNAUTHENTICATED error after the same
 * amount of hashing: unknown emails are checked against a dummy hash, so timing does not reveal
 * which emails have accounts.
 */
export function createLoginService(deps: LoginDeps): LoginService {
  // Hashed up front so the first unknown email costs no more than later ones.
  const dummyHash = hashPassword(DUMMY_PASSWORD);
  dummyHash.catch(() => undefined);
  return async (args) => {
    const { email, password } = parseInput(loginInput, args);
    const user = await deps.users.findByEmailWithHash(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
    if (!user || !valid) throw new UnauthenticatedError(INVALID_CREDENTIALS);
    const { passwordHash: _passwordHash, ...record } = user;
    const { token, expiresAt } = await deps.tokens.issue({ id: user._id, roles: user.roles });
    return { token, expiresAt: expiresAt.toISOString(), user: record };
  };
}
