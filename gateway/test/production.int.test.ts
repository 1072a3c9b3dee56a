import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from './support/compose.js';
import { catalogSdl, startCatalog } from './support/fixtures.js';
import { startGateway } from './support/gateway-harness.js';
import { startJwksIssuer } from './support/jwks-issuer.js';

type Issuer = Awaited<ReturnType<typeof startJwksIssuer>>;
type Catalog = Awaited<ReturnType<typeof startCatalog>>;
type Harness = Awaited<ReturnType<typeof startGateway>>;

let issuer: Issuer;
let catalog: Catalog;
let production: Harness;
let development: Harness;

beforeAll(async () => {
  issuer = await startJwksIssuer();
  catalog = await startCatalog();
  const supergraphSdl = composeSupergraph([
    { name: 'catalog', url: catalog.subgraph.url, sdl: catalogSdl() },
  ]);
  production = await startGateway({
    supergraphSdl,
    jwksUrl: issuer.jwksUrl,
    env: { NODE_ENV: 'production' },
  });
  development = await startGateway({
    supergraphSdl,
    jwksUrl: issuer.jwksUrl,
    env: { NODE_ENV: 'development' },
  });
});

afterAll(async () => {
  await production?.stop();
  await development?.stop();
  await catalog?.subgraph.stop();
  await issuer?.close();
});

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('the gateway in production', () => {
  it('refuses introspection', async () => {
    const { status, body } = await production.query(INTROSPECTION);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.data).toBeUndefined();
  });

  it('masks an unexpected subgraph error and logs it instead', async () => {
    const { body } = await production.query('{ boom }');
    expect(body.data).toEqual({ boom: null });
    expect(body.errors?.[0]).toMatchObject({
      message: 'Internal server error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(production.logLines.join('')).toContain('internal error (masked)');
  });

  it('still shows intended client errors, such as BAD_USER_INPUT', async () => {
    const { body } = await production.query('{ products(first: 1000) { id } }');
    expect(body.errors?.[0]).toMatchObject({
      message: '`first` must be between 1 and 100.',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
  });

  it('serves the production landing page, not Sandbox, to browsers', async () => {
    const response = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).not.toContain('id="embeddableSandbox"');
  });
});

describe('the gateway in development', () => {
  it('allows introspection', async () => {
    const { status, body } = await development.query(INTROSPECTION);
    expect(status).toBe(200);
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('serves Apollo Sandbox to browsers at /graphql', async () => {
    const response = await fetch(development.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('id="embeddableSandbox"');
  });

  it('answers a CORS preflight from a browser on another origin', async () => {
    const response = await fetch(development.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
