import { describe, expect, it } from 'vitest';
import { ConfigError } from '@tessera/config';
import { loadReviewsConfig } from '../src/config.js';

describe('reviews config', () => {
  it('has dev defaults: port 4006 and database tessera_reviews', () => {
    expect(loadReviewsConfig({})).toMatchObject({ port: 4006, mongoDb: 'tessera_reviews' });
  });

  it('reads REVIEWS_PORT and REVIEWS_MONGODB_URI over the shared MONGODB_URI', () => {
    const config = loadReviewsConfig({
      REVIEWS_PORT: '5006',
      MONGODB_URI: 'mongodb://shared:27017/',
      REVIEWS_MONGODB_URI: 'mongodb://own:27017/',
    });
    expect(config).toMatchObject({ port: 5006, mongoUri: 'mongodb://own:27017/' });
  });

  it('reports a bad port as a ConfigError naming REVIEWS_PORT', () => {
    expect(() => loadReviewsConfig({ REVIEWS_PORT: 'x' })).toThrow(ConfigError);
    try {
      loadReviewsConfig({ REVIEWS_PORT: 'x' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^REVIEWS_PORT: /)]);
    }
  });
});
