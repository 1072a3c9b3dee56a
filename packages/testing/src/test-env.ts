import { inject } from 'vitest';
import './provided-context.js';

function provided(key: 'mongoUri' | 'redisUrl'): string {
  const value = inject(key);
  if (typeof value !== 'string' || value === '') {
    throw new Error(
      `@tessera/testing: "${key}" was not provided. Name the test file *.int.test.ts or *.e2e.test.ts ` +
        'so it runs in the integration project, whose globalSetup starts MongoDB and Redis.',
    );
  }
  return value;
}

/** The run's MongoDB URI (no database name: use a unique one per test, see `withTestDb`). */
export function testMongoUri(): string {
  return provided('mongoUri');
}

/** The run's Redis URL. Use unique queue names and key prefixes; never FLUSHALL. */
export function testRedisUrl(): string {
  return provided('redisUrl');
}
