import { describe, expect, it } from 'vitest';
import { messagingDepsFrom } from '../src/messaging-deps-from.js';

describe('messagingDepsFrom', () => {
  it('maps a service config’s Redis, queue environment and stalled-job settings', () => {
    expect(
      messagingDepsFrom({
        redisUrl: 'redis://127.0.0.1:6390',
        queueEnvironment: 'dev',
        lockDurationMs: 4_000,
        stalledIntervalMs: 1_000,
      }),
    ).toEqual({
      connection: 'redis://127.0.0.1:6390',
      environment: 'dev',
      worker: { lockDuration: 4_000, stalledInterval: 1_000 },
    });
  });
});
