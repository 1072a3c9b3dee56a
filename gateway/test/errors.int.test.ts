import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from './support/compose.js';
import { catalogSdl, INVENTORY_SDL, startCatalog } from './support/fixtures.js';
import { closedPort, startGateway } from './support/gateway-harness.js';
import { startJwksIssuer } from './support/jwks-issuer.js';

type Issuer = Awaited<ReturnType<typeof startJwksIssuer>>;
type Catalog = Awaited<ReturnType<typeof startCatalog>>;
type Harness = Awaited<ReturnType<typeof startGateway>>;

let issuer: Issuer;
let catalog: Catalog;
let gateway: Harness;
let deadUrl: string;

beforeAll(async () => {
  issuer = await startJwksIssuer();
  catalog = await startCatalog();
  deadUrl = `http://127.0.0.1:${await closedPort()}/graphql`;
  gateway = await startGateway({
    supergraphSdl: composeSupergraph([
      { name: 'catalog', url: catalog.subgraph.url, sdl: catalogSdl() },
      // Nothing listens there: every inventory call fails to connect.
      { name: 'inventory', url: deadUrl, sdl: INVENTORY_SDL },
    ]),
    jwksUrl: issuer.jwksUrl,
    env: { SUBGRAPH_TIMEOUT_MS: '300', MAX_BODY_BYTES: '2000' },
  });
});

afterAll(async () => {
  catalog?.slowGate.open();
  await gateway?.stop();
  await catalog?.subgraph.stop();
  await issuer?.close();
});

async function raw(init: RequestInit & { query?: string }) {
  const url = init.query === undefined ? gateway.url : `${gateway.url}?${init.query}`;
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text };
}

function expectBadRequest(
  answer: { status: number; type: string | null; text: string },
  status = 400,
) {
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/^application\/(graphql-response\+)?json/);
  const body = JSON.parse(answer.text) as { errors: { extensions: { code: string } }[] };
  expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
}

describe('malformed HTTP requests', () => {
  it('answers a body that is not JSON with 400 BAD_REQUEST as JSON', async () => {
    expectBadRequest(
      await raw({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      }),
    );
  });

  it('answers a non-JSON content type with 400 BAD_REQUEST as JSON', async () => {
    expectBadRequest(
      await raw({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ whoami }' }),
    );
  });

  it('answers a GET without a query with 400 BAD_REQUEST as JSON', async () => {
    expectBadRequest(
      await raw({
        method: 'GET',
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      }),
    );
  });

  it('answers a body over MAX_BODY_BYTES with 413 BAD_REQUEST as JSON', async () => {
    const query = `{ whoami ${' '.repeat(3000)} }`;
    expectBadRequest(
      await raw({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      }),
      413,
    );
  });

  it('serves a preflighted GET query (CSRF prevention lets it through)', async () => {
    const answer = await raw({
      method: 'GET',
      query: 'query=%7B%20whoami%20%7D',
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { whoami: 'catalog' } });
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await fetch(`${gateway.base}/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('subgraph errors', () => {
  it('passes a subgraph BAD_USER_INPUT through with its field', async () => {
    const { status, body } = await gateway.query('{ products(first: 1000) { id } }');
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: '`first` must be between 1 and 100.',
      path: ['products'],
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
  });

  it('reports an unreachable subgraph as DOWNSTREAM_SERVICE_ERROR without its URL', async () => {
    const { status, body } = await gateway.query('{ products(first: 1) { id name inStock } }');
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('DOWNSTREAM_SERVICE_ERROR');
    expect(body.errors?.[0]?.message).toContain('inventory');
    const text = JSON.stringify(body);
    expect(text).not.toContain(deadUrl);
    expect(text).not.toContain(new URL(deadUrl).port);
    expect(text).not.toContain('ECONNREFUSED');
    expect(body.errors?.[0]?.extensions).not.toHaveProperty('response');
  });

  it('keeps the data other subgraphs returned when one is down', async () => {
    const { body } = await gateway.query('{ whoami products(first: 1) { name inStock } }');
    expect(body.data).toEqual({ whoami: 'catalog', products: [{ name: 'Teapot', inStock: null }] });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('DOWNSTREAM_SERVICE_ERROR');
  });

  it('gives up on a subgraph slower than SUBGRAPH_TIMEOUT_MS with DOWNSTREAM_SERVICE_ERROR', async () => {
    const { status, body } = await gateway.query('{ slow }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ slow: null });
    expect(body.errors?.[0]).toMatchObject({
      path: ['slow'],
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' },
    });
    expect(body.errors?.[0]?.message).toMatch(/did not answer within 300 ms/);
  });

  it('shows an unexpected subgraph error in development (masking is for production)', async () => {
    const { body } = await gateway.query('{ boom }');
    expect(body.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(body.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
  });
});

describe('per-subgraph URL override', () => {
  it('routes to SUBGRAPH_<NAME>_URL instead of the supergraph routing URL', async () => {
    const isolated = await startGateway({
      supergraphSdl: composeSupergraph([{ name: 'catalog', url: deadUrl, sdl: catalogSdl() }]),
      jwksUrl: issuer.jwksUrl,
      env: { SUBGRAPH_CATALOG_URL: catalog.subgraph.url },
    });
    try {
      expect((await isolated.query('{ whoami }')).body).toEqual({ data: { whoami: 'catalog' } });
    } finally {
      await isolated.stop();
    }
  });
});
