import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError, flag, loadConfig, mongoUri, port } from '../src/index.js';

const schema = z
  .object({
    PORT: port(4001),
    MONGODB_URI: mongoUri(),
    JWT_SECRET_HINT: z.string().min(8, 'must be at least 8 characters'),
    DEBUG: flag(false),
  })
  .transform((env) => ({ port: env.PORT, mongoUri: env.MONGODB_URI, debug: env.DEBUG }));

describe('loadConfig', () => {
  it('applies defaults and types values', () => {
    const config = loadConfig('accounts', schema, {
      MONGODB_URI: 'mongodb://127.0.0.1:27017/',
      JWT_SECRET_HINT: 'long-enough',
      DEBUG: 'yes',
    });
    expect(config).toEqual({ port: 4001, mongoUri: 'mongodb://127.0.0.1:27017/', debug: true });
  });

  it('reports every problem at once, naming each variable and never echoing a value', () => {
    let caught: unknown;
    try {
      loadConfig('accounts', schema, {
        PORT: '99999',
        MONGODB_URI: 'postgres://user:hunter2@db',
        DEBUG: 'maybe',
        JWT_SECRET_HINT: '',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems).toHaveLength(4);
    expect(error.message).toMatch(/^accounts: invalid configuration \(4 problems\)/);
    expect(error.message).toContain('PORT: must be between 0 and 65535');
    expect(error.message).toContain('MONGODB_URI: must be a MongoDB connection string');
    expect(error.message).toContain('JWT_SECRET_HINT: is required but not set');
    expect(error.message).toContain('DEBUG: must be true or false');
    expect(error.message).not.toContain('hunter2');
  });

  // Regression: zod 4 omits `issue.input`, and a wrong-type value was reported as missing.
  it('says a set but wrong-type value is wrong, not missing', () => {
    const strict = z.object({
      LIMIT: z.coerce.number({ error: 'must be a number' }),
      NAME: z.string(),
    });
    expect(() => loadConfig('gateway', strict, { LIMIT: 'abc' })).toThrow(
      /LIMIT: must be a number\n {2}- NAME: is required but not set/,
    );
  });
});
