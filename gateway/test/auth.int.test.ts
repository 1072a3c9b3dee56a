import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from './support/compose.js';
import { catalogSdl, startCatalog } from './support/fixtures.js';
import { closedPort, startGateway } from './support/gateway-harness.js';
import { startJwksIssuer } from './support/jwks-issuer.js';

type Issuer = Awaited<ReturnType<typeof startJwksIssuer>>;
type Catalog = Awaited<ReturnType<typeof startCatalog>>;
type Harness = Awaited<ReturnType<typeof startGateway>>;

let issuer: Issuer;
let catalog: Catalog;
let gateway: Harness;

beforeAll(async () => {
  issuer = await startJwksIssuer();
  catalog = await startCatalog();
  gateway = await startGateway({
    supergraphSdl: composeSupergraph([
      { name: 'catalog', url: catalog.subgraph.url, sdl: catalogSdl() },
    ]),
    jwksUrl: issuer.jwksUrl,
  });
});

afterAll(async () => {
  await gateway?.stop();
  await catalog?.subgraph.stop();
  await issuer?.close();
});

const lastReceived = () => catalog.subgraph.received.at(-1) ?? {};

describe('gateway authentication', () => {
  it('serves an anonymous caller and forwards no Authorization header', async () => {
    const { status, body } = await gateway.query('{ whoami }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { whoami: 'catalog' } });
    expect(lastReceived().authorization).toBeUndefined();
  });

  it('forwards a verified token, the request id and the trace context unchanged', async () => {
    const token = await issuer.sign();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const { status, body, headers } = await gateway.query('{ whoami }', {
      authorization: `Bearer ${token}`,
      'x-request-id': 'req-auth-1',
      traceparent,
      tracestate: 'vendor=abc',
    });
    expect(status).toBe(200);
    expect(body.data).toEqual({ whoami: 'catalog' });
    expect(headers.get('x-request-id')).toBe('req-auth-1');
    expect(lastReceived()).toMatchObject({
      authorization: `Bearer ${token}`,
      'x-request-id': 'req-auth-1',
      traceparent,
      tracestate: 'vendor=abc',
    });
  });

  it('mints a request id when the caller sends none, and forwards that one', async () => {
    const { headers } = await gateway.query('{ whoami }');
    const id = headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lastReceived()['x-request-id']).toBe(id);
  });

  it('replaces a request id that is not safe to log or forward', async () => {
    const { headers } = await gateway.query('{ whoami }', { 'x-request-id': 'a b"c' });
    const id = headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lastReceived()['x-request-id']).toBe(id);
  });

  it.each([
    ['an expired token', () => issuer.sign({ expiresIn: -600 }).then((t) => `Bearer ${t}`)],
    [
      'a token signed by another key',
      () => issuer.sign({ foreignKey: true }).then((t) => `Bearer ${t}`),
    ],
    [
      'a token from another issuer',
      () => issuer.sign({ issuer: 'https://evil.example' }).then((t) => `Bearer ${t}`),
    ],
    [
      'a token for another audience',
      () => issuer.sign({ audience: 'someone-else' }).then((t) => `Bearer ${t}`),
    ],
    ['a garbage token', () => Promise.resolve('Bearer not.a.jwt')],
    ['a Basic credential', () => Promise.resolve('Basic xyz')],
    ['an empty Bearer', () => Promise.resolve('Bearer ')],
  ])('rejects %s with HTTP 401 UNAUTHENTICATED as JSON', async (_name, header) => {
    const before = catalog.subgraph.received.length;
    const { status, body, headers } = await gateway.query('{ whoami }', {
      authorization: await header(),
    });
    expect(status).toBe(401);
    expect(headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.extensions).not.toHaveProperty('http');
    expect(body.data).toBeUndefined();
    // The request never reached a subgraph.
    expect(catalog.subgraph.received.length).toBe(before);
  });

  it('says so when the token has expired', async () => {
    const token = await issuer.sign({ expiresIn: -600 });
    const { body } = await gateway.query('{ whoami }', { authorization: `Bearer ${token}` });
    expect(body.errors?.[0]?.message).toMatch(/expired/);
  });

  it('never writes a token to the log', async () => {
    const token = await issuer.sign({ sub: 'log-check' });
    await gateway.query('{ whoami }', { authorization: `Bearer ${token}` });
    await gateway.query('{ whoami }', { authorization: `Bearer ${token}x` });
    const signature = token.split('.')[2] ?? token;
    expect(gateway.logLines.join('')).not.toContain(signature);
  });
});

describe('gateway authentication when the key set is unreachable', () => {
  it('answers 502 DOWNSTREAM_SERVICE_ERROR, not 401, for a well-formed token', async () => {
    const deadJwks = `http://127.0.0.1:${await closedPort()}/.well-known/jwks.json`;
    const isolated = await startGateway({
      supergraphSdl: composeSupergraph([
        { name: 'catalog', url: catalog.subgraph.url, sdl: catalogSdl() },
      ]),
      jwksUrl: deadJwks,
    });
    try {
      const token = await issuer.sign();
      const { status, body } = await isolated.query('{ whoami }', {
        authorization: `Bearer ${token}`,
      });
      expect(status).toBe(502);
      expect(body.errors?.[0]?.extensions?.['code']).toBe('DOWNSTREAM_SERVICE_ERROR');
      expect(body.errors?.[0]?.message).toMatch(/signing keys are unavailable/);
      expect(JSON.stringify(body)).not.toContain(deadJwks);
      // Anonymous callers do not need the key set and keep working.
      expect((await isolated.query('{ whoami }')).body.data).toEqual({ whoami: 'catalog' });
    } finally {
      await isolated.stop();
    }
  });
});

describe('per-subgraph Authorization forwarding', () => {
  it('withholds the token from a subgraph with SUBGRAPH_<NAME>_FORWARD_AUTH=false', async () => {
    const isolated = await startGateway({
      supergraphSdl: composeSupergraph([
        { name: 'catalog', url: catalog.subgraph.url, sdl: catalogSdl() },
      ]),
      jwksUrl: issuer.jwksUrl,
      env: { SUBGRAPH_CATALOG_FORWARD_AUTH: 'false' },
    });
    try {
      const { status } = await isolated.query('{ whoami }', {
        authorization: `Bearer ${await issuer.sign()}`,
        'x-request-id': 'req-no-auth',
      });
      expect(status).toBe(200);
      expect(lastReceived()['x-request-id']).toBe('req-no-auth');
      expect(lastReceived().authorization).toBeUndefined();
    } finally {
      await isolated.stop();
    }
  });
});
