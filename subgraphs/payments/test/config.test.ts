import { describe, expect, it } from 'vitest';
import { ConfigError } from '@tessera/config';
import { loadPaymentsConfig } from '../src/config.js';

describe('payments config', () => {
  it('has dev defaults: port 4005, database tessera_payments, the dev Redis and queue prefix', () => {
    expect(loadPaymentsConfig({})).toMatchObject({
      port: 4005,
      mongoDb: 'tessera_payments',
      redisUrl: 'redis://127.0.0.1:6379',
      queueEnvironment: 'dev',
    });
  });

  it('reads REDIS_URL and QUEUE_ENVIRONMENT, and PAYMENTS_PORT', () => {
    expect(
      loadPaymentsConfig({
        REDIS_URL: 'redis://cache:6380',
        QUEUE_ENVIRONMENT: 'ci-42',
        PAYMENTS_PORT: '5005',
      }),
    ).toMatchObject({ redisUrl: 'redis://cache:6380', queueEnvironment: 'ci-42', port: 5005 });
  });

  it('names its queue prefix after NODE_ENV outside development', () => {
    expect(loadPaymentsConfig({ NODE_ENV: 'test' }).queueEnvironment).toBe('test');
  });

  it('reports a bad REDIS_URL and a bad QUEUE_ENVIRONMENT together', () => {
    const attempt = () =>
      loadPaymentsConfig({ REDIS_URL: 'http://cache', QUEUE_ENVIRONMENT: 'a:b' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^REDIS_URL: /),
        expect.stringMatching(/^QUEUE_ENVIRONMENT: /),
      ]);
    }
  });
});
