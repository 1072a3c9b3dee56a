import { describe, expect, it } from 'vitest';
import type { SubgraphInfo } from '../src/discover-subgraphs.js';
import { gatewayEnv, subgraphEnv, type StackEndpoints } from '../src/service-env.js';

const subgraph = (name: string, envPrefix: string): SubgraphInfo => ({
  name,
  dir: `/repo/subgraphs/${name}`,
  envPrefix,
  defaultPort: undefined,
  hasSeed: true,
});
const endpoints: StackEndpoints = {
  mongoUri: 'mongodb://127.0.0.1:5555/',
  redisUrl: 'redis://127.0.0.1:6666',
  jwksUrl: 'http://127.0.0.1:4101/.well-known/jwks.json',
};

describe('subgraphEnv', () => {
  it('gives a subgraph its port, the shared stores, the JWKS and development mode', () => {
    const env = subgraphEnv({ subgraph: subgraph('catalog', 'CATALOG'), port: 4102 }, endpoints, {
      PATH: '/bin',
      NODE_ENV: 'test',
    });
    expect(env).toEqual({
      PATH: '/bin',
      NODE_ENV: 'development',
      CATALOG_PORT: '4102',
      MONGODB_URI: 'mongodb://127.0.0.1:5555/',
      REDIS_URL: 'redis://127.0.0.1:6666',
      JWKS_URL: 'http://127.0.0.1:4101/.well-known/jwks.json',
    });
  });

  it('tells a subgraph where its peers are, so orders can price an order at catalog', () => {
    const catalog = { subgraph: subgraph('catalog', 'CATALOG'), port: 4102 };
    const orders = { subgraph: subgraph('orders', 'ORDERS'), port: 4104 };
    const env = subgraphEnv(orders, endpoints, {}, [catalog, orders]);
    expect(env).toMatchObject({
      ORDERS_PORT: '4104',
      SUBGRAPH_CATALOG_URL: 'http://127.0.0.1:4102/graphql',
      SUBGRAPH_ORDERS_URL: 'http://127.0.0.1:4104/graphql',
    });
  });

  it('keeps a JWKS_URL the developer set', () => {
    const env = subgraphEnv({ subgraph: subgraph('catalog', 'CATALOG'), port: 4102 }, endpoints, {
      JWKS_URL: 'https://idp.example/jwks.json',
    });
    expect(env['JWKS_URL']).toBe('https://idp.example/jwks.json');
  });
});

describe('gatewayEnv', () => {
  it('points the gateway at every subgraph by SUBGRAPH_<NAME>_URL, whatever its port', () => {
    const env = gatewayEnv(
      4100,
      [
        { subgraph: subgraph('accounts', 'ACCOUNTS'), port: 4101 },
        { subgraph: subgraph('gift-cards', 'GIFT_CARDS'), port: 4999 },
      ],
      endpoints,
      '/repo/schema/supergraph.graphql',
      {},
    );
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      GATEWAY_PORT: '4100',
      SUPERGRAPH_PATH: '/repo/schema/supergraph.graphql',
      JWKS_URL: 'http://127.0.0.1:4101/.well-known/jwks.json',
      SUBGRAPH_ACCOUNTS_URL: 'http://127.0.0.1:4101/graphql',
      SUBGRAPH_GIFT_CARDS_URL: 'http://127.0.0.1:4999/graphql',
    });
  });

  it('keeps a SUPERGRAPH_PATH the developer set', () => {
    const env = gatewayEnv(4000, [], endpoints, '/repo/schema/supergraph.graphql', {
      SUPERGRAPH_PATH: '/elsewhere/supergraph.graphql',
    });
    expect(env['SUPERGRAPH_PATH']).toBe('/elsewhere/supergraph.graphql');
  });
});
