import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig, millis } from '@tessera/config';
import { DEV_AUDIENCE, DEV_ISSUER } from '@tessera/auth';
import {
  subgraphConfigSchema,
  subgraphEnvSchema,
  toSubgraphEnv,
  type SubgraphEnv,
} from '../src/index.js';

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('subgraphConfigSchema', () => {
  it('applies the dev defaults to an empty environment', () => {
    const config = loadConfig('orders', subgraphConfigSchema('orders', 4004), {});
    expect(config).toEqual({
      port: 4004,
      mongoUri: 'mongodb://127.0.0.1:27017/',
      mongoDb: 'tessera_orders',
      jwksUrl: new URL('http://127.0.0.1:4001/.well-known/jwks.json'),
      jwtIssuer: DEV_ISSUER,
      jwtAudience: DEV_AUDIENCE,
      nodeEnv: 'development',
      logLevel: 'info',
      host: '127.0.0.1',
      shutdownGraceMs: 10_000,
    } satisfies SubgraphEnv);
  });

  it('reads the domain variables and lets <DOMAIN>_MONGODB_URI override MONGODB_URI', () => {
    const config = loadConfig('orders', subgraphConfigSchema('orders', 4004), {
      ORDERS_PORT: '5004',
      MONGODB_URI: 'mongodb://shared:27017/',
      ORDERS_MONGODB_URI: 'mongodb://orders-db:27017/',
      ORDERS_MONGODB_DB: 'orders_custom',
      CATALOG_PORT: 'not read by orders',
    });
    expect(config.port).toBe(5004);
    expect(config.mongoUri).toBe('mongodb://orders-db:27017/');
    expect(config.mongoDb).toBe('orders_custom');
  });

  it('uses the shared MONGODB_URI when there is no override', () => {
    const config = loadConfig('orders', subgraphConfigSchema('orders', 4004), {
      MONGODB_URI: 'mongodb://shared:27017/',
    });
    expect(config.mongoUri).toBe('mongodb://shared:27017/');
  });

  it('reports every problem at once', () => {
    const problems = problemsOf(() =>
      loadConfig('orders', subgraphConfigSchema('orders', 4004), {
        ORDERS_PORT: '70000',
        MONGODB_URI: 'postgres://nope',
        ORDERS_MONGODB_DB: 'bad.name',
        JWKS_URL: 'ftp://keys',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining([
        'ORDERS_PORT',
        'MONGODB_URI',
        'ORDERS_MONGODB_DB',
        'JWKS_URL',
        'LOG_LEVEL',
      ]),
    );
  });

  it('requires the JWT settings in production, alongside the other problems', () => {
    const problems = problemsOf(() =>
      loadConfig('orders', subgraphConfigSchema('orders', 4004), {
        NODE_ENV: 'production',
        MONGODB_URI: 'not a uri',
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^MONGODB_URI: /),
        'JWKS_URL: is required when NODE_ENV=production',
        'JWT_ISSUER: is required when NODE_ENV=production',
        'JWT_AUDIENCE: is required when NODE_ENV=production',
      ]),
    );
  });

  it('accepts production with the JWT settings given', () => {
    const config = loadConfig('orders', subgraphConfigSchema('orders', 4004), {
      NODE_ENV: 'production',
      JWKS_URL: 'https://accounts.example/.well-known/jwks.json',
      JWT_ISSUER: 'https://accounts.example',
      JWT_AUDIENCE: 'shop',
    });
    expect(config.nodeEnv).toBe('production');
    expect(config.jwksUrl.href).toBe('https://accounts.example/.well-known/jwks.json');
    expect(config.jwtIssuer).toBe('https://accounts.example');
  });

  it('refuses a domain that cannot name environment variables', () => {
    expect(() => subgraphEnvSchema('my-domain', 4010)).toThrow(TypeError);
  });
});

describe('subgraphEnvSchema extended by a subgraph', () => {
  const schema = subgraphEnvSchema('orders', 4004)
    .extend({ ORDERS_SAGA_TIMEOUT_MS: millis(30_000), PAYMENTS_URL: z.string().optional() })
    .transform((env) => ({
      ...toSubgraphEnv('orders', env),
      sagaTimeoutMs: env.ORDERS_SAGA_TIMEOUT_MS,
    }));

  it('maps the base and keeps its own variables, typed', () => {
    const config = loadConfig('orders', schema, { ORDERS_SAGA_TIMEOUT_MS: '5000' });
    expect(config.sagaTimeoutMs).toBe(5000);
    expect(config.mongoDb).toBe('tessera_orders');
    expectTypeOf(config.sagaTimeoutMs).toEqualTypeOf<number>();
    expectTypeOf(config.port).toEqualTypeOf<number>();
  });

  it('keeps the production check after extension', () => {
    const problems = problemsOf(() =>
      loadConfig('orders', schema, { NODE_ENV: 'production', ORDERS_SAGA_TIMEOUT_MS: 'soon' }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ORDERS_SAGA_TIMEOUT_MS: /),
        'JWKS_URL: is required when NODE_ENV=production',
      ]),
    );
  });
});
