import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@tessera/config';
import { DEFAULT_DEV_KEY_FILE, loadAccountsConfig } from '../src/config.js';

const pem = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadAccountsConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('accounts config', () => {
  it('has dev defaults: port 4001, database tessera_accounts, one-hour tokens, a dev key file', () => {
    const config = loadAccountsConfig({});
    expect(config).toMatchObject({
      port: 4001,
      mongoDb: 'tessera_accounts',
      jwtTtlSeconds: 3600,
      jwtPrivateKey: undefined,
      devKeyFile: DEFAULT_DEV_KEY_FILE,
    });
    expect(DEFAULT_DEV_KEY_FILE).toMatch(/\/\.dev\/keys\/accounts-ed25519\.json$/);
  });

  it('refuses production without JWT_PRIVATE_KEY, together with the other problems', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      MONGODB_URI: 'nope',
      JWT_TTL_SECONDS: '5',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^JWT_PRIVATE_KEY: is required when NODE_ENV=production/),
        expect.stringMatching(/^MONGODB_URI: /),
        expect.stringMatching(/^JWT_TTL_SECONDS: must be at least 60/),
      ]),
    );
  });

  it('accepts production with a key and the JWT settings', () => {
    const config = loadAccountsConfig({
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY: pem,
      JWKS_URL: 'https://accounts.example/.well-known/jwks.json',
      JWT_ISSUER: 'https://accounts.example',
      JWT_AUDIENCE: 'example',
    });
    expect(config.jwtPrivateKey).toBe(pem);
  });

  it('rejects an unusable JWT_PRIVATE_KEY without echoing it', () => {
    const problems = problemsOf({ JWT_PRIVATE_KEY: 'hunter2-secret' });
    expect(problems).toEqual([expect.stringMatching(/^JWT_PRIVATE_KEY: must be a PKCS8 PEM/)]);
    expect(problems.join()).not.toContain('hunter2');
  });
});
