import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadConfig, type Env } from '@tessera/config';
import { subgraphEnvSchema, toSubgraphEnv, type SubgraphEnv } from '@tessera/subgraph-kit';
import { isUsablePrivateKey } from './auth/signing-key.js';

/** Where dev and test keep the generated signing key: the gitignored `.dev/` of the repo. */
export const DEFAULT_DEV_KEY_FILE = fileURLToPath(
  new URL('../../../.dev/keys/accounts-ed25519.json', import.meta.url),
);

export interface AccountsConfig extends SubgraphEnv {
  /**
   * `JWT_PRIVATE_KEY`: the token signing key, a PKCS8 PEM or a private JWK (JSON), Ed25519 or
   * P-256. Required in production; in development and test a key is generated and kept in
   * {@link devKeyFile}.
   */
  readonly jwtPrivateKey: string | undefined;
  /** `JWT_TTL_SECONDS`: access token lifetime. @defaultValue 3600 */
  readonly jwtTtlSeconds: number;
  /** `ACCOUNTS_DEV_KEY_FILE`. @defaultValue {@link DEFAULT_DEV_KEY_FILE} */
  readonly devKeyFile: string;
}

export const accountsConfigSchema = subgraphEnvSchema('accounts', 4001)
  .extend({
    JWT_PRIVATE_KEY: z
      .string()
      .refine(isUsablePrivateKey, {
        message: 'must be a PKCS8 PEM or a private JWK (JSON) of an Ed25519 or P-256 key',
      })
      .optional(),
    JWT_TTL_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(60, 'must be at least 60 seconds')
      .max(86_400, 'must be at most 86400 seconds (one day)')
      .default(3600),
    ACCOUNTS_DEV_KEY_FILE: z.string().min(1).default(DEFAULT_DEV_KEY_FILE),
  })
  .superRefine(
    (vars, ctx) => {
      // Runs even when other fields failed, so every problem is reported at once.
      const value = vars as Record<string, unknown> | undefined;
      if (value?.['NODE_ENV'] === 'production' && value['JWT_PRIVATE_KEY'] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['JWT_PRIVATE_KEY'],
          message: 'is required when NODE_ENV=production (a PKCS8 PEM or a private JWK)',
        });
      }
    },
    { when: () => true },
  )
  .transform((vars): AccountsConfig => ({
    ...toSubgraphEnv('accounts', vars),
    jwtPrivateKey: vars.JWT_PRIVATE_KEY,
    jwtTtlSeconds: vars.JWT_TTL_SECONDS,
    devKeyFile: vars.ACCOUNTS_DEV_KEY_FILE,
  }));

/** Reads and validates the accounts environment; throws a `ConfigError` listing every problem. */
export function loadAccountsConfig(env: Env = process.env): AccountsConfig {
  return loadConfig('accounts', accountsConfigSchema, env);
}
