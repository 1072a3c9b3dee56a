import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier, DEV_AUDIENCE, DEV_ISSUER } from '@tessera/auth';
import { createTestIssuer, freePort, startTestSubgraph, withTestDb } from '@tessera/testing';
import { createTestSubgraph, postGraphQL } from './test-subgraph.js';

describe('createSubgraphServer: probes and metrics', () => {
  it('answers /healthz with 200 {status: ok}', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await fetch(`${server.origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when MongoDB answers a ping', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await fetch(`${server.origin}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('answers /readyz with 503 JSON when MongoDB is unreachable', async () => {
    const closedPort = await freePort();
    const client = new MongoClient(`mongodb://127.0.0.1:${closedPort}/`, {
      serverSelectionTimeoutMS: 300,
    });
    try {
      const { server } = createTestSubgraph({
        db: client.db('nowhere'),
        readinessTimeoutMs: 1_000,
      });
      await using running = await startTestSubgraph(server);
      const response = await fetch(`${running.origin}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', failing: ['mongodb'] });
    } finally {
      await client.close();
    }
  });

  it('answers /readyz with 503 when the extra readiness probe fails', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const { server } = createTestSubgraph({
      db: t.db,
      readiness: () => Promise.reject(new Error('keys not loaded')),
    });
    await using running = await startTestSubgraph(server);
    const response = await fetch(`${running.origin}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', failing: ['readiness'] });
  });

  it('serves Prometheus text with process metrics and request counts labelled by service', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    await fetch(`${server.origin}/healthz`);
    await postGraphQL(server.url, '{ whoami }');
    await fetch(`${server.origin}/no/such/path/${Date.now()}`);
    const response = await fetch(`${server.origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="kit-test"\} /m);
    expect(text).toMatch(
      /^http_requests_total\{method="GET",route="\/healthz",status="200",service="kit-test"\} 1$/m,
    );
    expect(text).toMatch(
      /^http_requests_total\{method="POST",route="\/graphql",status="200",service="kit-test"\} 1$/m,
    );
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{.*route="\/graphql"/m);
    // Unknown paths share one label, so scanners cannot blow up the series count.
    expect(text).toMatch(
      /^http_requests_total\{method="GET",route="unmatched",status="404",service="kit-test"\} 1$/m,
    );
  });

  it('answers a failing extra route with 500 JSON and logs the cause', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const { server, logs } = createTestSubgraph({ db: t.db });
    await using running = await startTestSubgraph(server);
    const response = await fetch(`${running.origin}/explode`, {
      headers: { 'x-request-id': 'req-x' },
    });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      errors: [
        { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    });
    expect(body).not.toContain('secret internals');
    const logged = logs.find((line) => line.level === 'error' && line.requestId === 'req-x');
    expect(logged?.err?.message).toContain('secret internals');
  });

  it('logs one line per request with status, duration and operation name', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const { server, logs } = createTestSubgraph({ db: t.db });
    await using running = await startTestSubgraph(server);
    await postGraphQL(running.url, 'query WhoAmI { whoami }', { 'x-request-id': 'req-log' });
    const line = logs.find((l) => l.msg === 'request' && l.requestId === 'req-log');
    expect(line).toMatchObject({
      level: 'info',
      service: 'kit-test',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'WhoAmI',
    });
    expect(typeof line?.['durationMs']).toBe('number');
  });

  it('serves routes added by the subgraph', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await fetch(`${server.origin}/extra`);
    expect(await response.json()).toEqual({ extra: true });
  });
});

describe('createSubgraphServer: the caller', () => {
  it('treats a request without Authorization as anonymous', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const issuer = await createTestIssuer();
    const { server } = createTestSubgraph({ db: t.db, verifyToken: issuer.verifyToken });
    await using running = await startTestSubgraph(server);
    const response = await postGraphQL(running.url, '{ whoami }');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { whoami: null } });
  });

  it('puts the verified principal of a valid token in the context', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const issuer = await createTestIssuer();
    const { server } = createTestSubgraph({ db: t.db, verifyToken: issuer.verifyToken });
    await using running = await startTestSubgraph(server);
    const token = await issuer.sign({ sub: 'user-42' });
    const response = await postGraphQL(running.url, '{ whoami }', {
      authorization: `Bearer ${token}`,
    });
    expect(response.body).toEqual({ data: { whoami: 'user-42' } });
  });

  it.each([
    [
      'a token signed by another key',
      async () => `Bearer ${await (await createTestIssuer()).sign()}`,
    ],
    ['a malformed token', () => Promise.resolve('Bearer not.a.jwt')],
    ['a non-Bearer header', () => Promise.resolve('Basic dXNlcjpwYXNz')],
  ])('rejects %s with HTTP 401 UNAUTHENTICATED in JSON', async (_name, header) => {
    await using t = await withTestDb({ prefix: 'kit' });
    const issuer = await createTestIssuer();
    const { server } = createTestSubgraph({ db: t.db, verifyToken: issuer.verifyToken });
    await using running = await startTestSubgraph(server);
    const response = await postGraphQL(running.url, '{ whoami }', {
      authorization: await header(),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(response.contentType).toMatch(/json/);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('rejects an expired token with HTTP 401 UNAUTHENTICATED', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const issuer = await createTestIssuer();
    const { server } = createTestSubgraph({ db: t.db, verifyToken: issuer.verifyToken });
    await using running = await startTestSubgraph(server);
    const token = await issuer.sign({ expiresIn: Math.floor(Date.now() / 1000) - 3_600 });
    const response = await postGraphQL(running.url, '{ whoami }', {
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(response.body.errors?.[0]?.message).toMatch(/expired/);
  });

  it('answers 502 DOWNSTREAM_SERVICE_ERROR, not 401, when the signing keys cannot be fetched', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const verifyToken = createTokenVerifier({
      jwks: new URL(`http://127.0.0.1:${await freePort()}/.well-known/jwks.json`),
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
    });
    const { server } = createTestSubgraph({ db: t.db, verifyToken, nodeEnv: 'production' });
    await using running = await startTestSubgraph(server);
    const token = await (await createTestIssuer()).sign();
    const response = await postGraphQL(running.url, '{ whoami }', {
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(502);
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('DOWNSTREAM_SERVICE_ERROR');
  });

  it('ignores Authorization altogether when verifyToken is null', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await postGraphQL(server.url, '{ whoami }', { authorization: 'Bearer x.y.z' });
    expect(response.body).toEqual({ data: { whoami: null } });
  });
});

describe('createSubgraphServer: request context', () => {
  it('builds a fresh loader set per request, shared within the request', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const first = await postGraphQL(server.url, '{ a: loaderSet b: loaderSet }');
    const second = await postGraphQL(server.url, '{ a: loaderSet }');
    const firstSet = first.body.data?.['a'];
    expect(first.body.data?.['b']).toBe(firstSet);
    expect(second.body.data?.['a']).not.toBe(firstSet);
  });

  it('uses the x-request-id it receives, echoes it, and passes a valid traceparent through', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await postGraphQL(server.url, '{ requestId traceparent }', {
      'x-request-id': 'req-abc-123',
      traceparent,
    });
    expect(response.headers.get('x-request-id')).toBe('req-abc-123');
    expect(response.body.data).toEqual({ requestId: 'req-abc-123', traceparent });
  });

  it('generates a request id and drops a malformed traceparent', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await postGraphQL(server.url, '{ requestId traceparent }', {
      'x-request-id': 'bad id with spaces',
      traceparent: 'not-a-traceparent',
    });
    const requestId = response.body.data?.['requestId'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(response.body.data?.['traceparent']).toBeNull();
  });

  it('gives resolvers the subgraph database', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await t.db.collection('notes').insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await postGraphQL(server.url, '{ noteCount }');
    expect(response.body).toEqual({ data: { noteCount: 3 } });
  });
});

describe('createSubgraphServer: errors', () => {
  it('serves GET queries, and refuses a GET without a CSRF preflight header in JSON', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const url = `${server.url}?query=${encodeURIComponent('{ whoami }')}`;
    const ok = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { whoami: null } });
    const refused = await fetch(url);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a malformed JSON body with 400 BAD_REQUEST in JSON, not HTML', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ whoami }"',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers an oversized body with 413 BAD_REQUEST in JSON', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ whoami } #${'x'.repeat(1_100_000)}` }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a POST that is not JSON with 400 BAD_REQUEST in JSON', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{ whoami }',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a POST without a query with 400 BAD_REQUEST in JSON', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers an unknown route with 404 in JSON', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await fetch(`${server.origin}/nope`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('masks an unexpected error in production and logs it with the request id', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const { server, logs } = createTestSubgraph({ db: t.db, nodeEnv: 'production' });
    await using running = await startTestSubgraph(server);
    const response = await postGraphQL(running.url, '{ boom }', { 'x-request-id': 'req-boom' });
    expect(response.body.errors).toEqual([
      {
        message: 'Internal server error.',
        path: ['boom'],
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(response.body)).not.toContain('secret internals');
    const logged = logs.find((line) => line.level === 'error' && line.requestId === 'req-boom');
    expect(logged?.err?.message).toContain('secret internals');
  });

  // Regression: every TesseraError used to carry its registry status, so a partial result came
  // back as HTTP 404 and other gateways dropped its data as a failed fetch.
  it('answers a field error with HTTP 200, its code, and the rest of the data', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const { server } = createTestSubgraph({ db: t.db, nodeEnv: 'production' });
    await using running = await startTestSubgraph(server);
    const response = await postGraphQL(running.url, '{ missing requestId }', {
      'x-request-id': 'req-404',
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ missing: null, requestId: 'req-404' });
    expect(response.body.errors?.[0]).toMatchObject({
      path: ['missing'],
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('shows the message of an unexpected error outside production, with code INTERNAL_SERVER_ERROR', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const { server, logs } = createTestSubgraph({ db: t.db, nodeEnv: 'development' });
    await using running = await startTestSubgraph(server);
    const response = await postGraphQL(running.url, '{ boom }', { 'x-request-id': 'req-dev' });
    expect(response.body.errors?.[0]?.message).toContain('secret internals');
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(logs.some((line) => line.level === 'error' && line.requestId === 'req-dev')).toBe(true);
  });

  it('turns introspection off in production but still serves _service for the gateway', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const { server } = createTestSubgraph({ db: t.db, nodeEnv: 'production' });
    await using running = await startTestSubgraph(server);
    const introspection = await postGraphQL(running.url, '{ __schema { queryType { name } } }');
    expect(introspection.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const service = await postGraphQL(running.url, '{ _service { sdl } }');
    expect(service.body.errors).toBeUndefined();
    expect(JSON.stringify(service.body.data)).toContain('whoami');
  });

  it('allows introspection outside production', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using server = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const response = await postGraphQL(server.url, '{ __schema { queryType { name } } }');
    expect(response.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('createSubgraphServer: shutdown', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const { server } = createTestSubgraph({ db: t.db, onSlowStarted: () => started() });
    const running = await startTestSubgraph(server);
    const slow = postGraphQL(running.url, '{ slow(ms: 300) }');
    await inFlight;
    await running.stop();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { slow: 'done' } });
    await expect(fetch(`${running.origin}/healthz`)).rejects.toThrow();
  });

  it('rejects start() when the port is taken', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    await using first = await startTestSubgraph(createTestSubgraph({ db: t.db }).server);
    const { server } = createTestSubgraph({ db: t.db });
    await expect(server.start(first.port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await server.stop();
  });

  it('stops idempotently', async () => {
    await using t = await withTestDb({ prefix: 'kit' });
    const { server } = createTestSubgraph({ db: t.db });
    await server.start(0);
    await Promise.all([server.stop(), server.stop()]);
    await expect(server.stop()).resolves.toBeUndefined();
  });
});
