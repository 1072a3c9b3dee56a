import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@tessera/config';
import { devConfigSchema } from '../src/dev-config.js';
import type { SubgraphInfo } from '../src/discover-subgraphs.js';

const subgraphs: SubgraphInfo[] = [
  { name: 'catalog', dir: '/x', envPrefix: 'CATALOG', defaultPort: 4002, hasSeed: true },
  {
    name: 'gift-cards',
    dir: '/y',
    envPrefix: 'GIFT_CARDS',
    defaultPort: undefined,
    hasSeed: false,
  },
];

describe('devConfigSchema', () => {
  it('defaults to the contract ports, a free port for unknown domains, and no external stores', () => {
    expect(loadConfig('devstack', devConfigSchema(subgraphs), {})).toEqual({
      mongoUri: undefined,
      redisUrl: undefined,
      gatewayPort: 4000,
      subgraphPorts: { catalog: 4002, 'gift-cards': 0 },
    });
  });

  it('reads overrides from the contract variables', () => {
    const config = loadConfig('devstack', devConfigSchema(subgraphs), {
      MONGODB_URI: 'mongodb://db:27017/',
      REDIS_URL: 'redis://cache:6379',
      GATEWAY_PORT: '5000',
      CATALOG_PORT: '5002',
    });
    expect(config).toMatchObject({
      mongoUri: 'mongodb://db:27017/',
      redisUrl: 'redis://cache:6379',
      gatewayPort: 5000,
      subgraphPorts: { catalog: 5002 },
    });
  });

  it('reports every bad variable at once', () => {
    let caught: unknown;
    try {
      loadConfig('devstack', devConfigSchema(subgraphs), {
        MONGODB_URI: 'not-a-uri',
        REDIS_URL: 'http://nope',
        CATALOG_PORT: 'abc',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const names = (caught as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(names.sort()).toEqual(['CATALOG_PORT', 'MONGODB_URI', 'REDIS_URL']);
  });
});
