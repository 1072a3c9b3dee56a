import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, loadGatewayConfig, SupergraphLoadError } from '../src/index.js';
import { composeSupergraph } from './support/compose.js';
import { catalogSdl, startCatalog } from './support/fixtures.js';
import { eventually, startGateway } from './support/gateway-harness.js';
import { startJwksIssuer } from './support/jwks-issuer.js';

type Issuer = Awaited<ReturnType<typeof startJwksIssuer>>;
type Catalog = Awaited<ReturnType<typeof startCatalog>>;

let issuer: Issuer;
let catalog: Catalog;
let supergraphSdl: string;
let dir: string;

beforeAll(async () => {
  issuer = await startJwksIssuer();
  catalog = await startCatalog();
  supergraphSdl = composeSupergraph([
    { name: 'catalog', url: catalog.subgraph.url, sdl: catalogSdl() },
  ]);
  dir = await mkdtemp(join(tmpdir(), 'tessera-gateway-lifecycle-'));
});

afterAll(async () => {
  catalog?.slowGate.open();
  await catalog?.subgraph.stop();
  await issuer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const silent = pino({ level: 'silent' });

function gatewayOver(path: string) {
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    SUPERGRAPH_PATH: path,
    JWKS_URL: issuer.jwksUrl,
  });
  return createGateway({ config, logger: silent });
}

describe('gateway startup', () => {
  it('fails with SupergraphLoadError naming the path when the file is missing', async () => {
    const path = join(dir, 'missing.graphql');
    const gateway = gatewayOver(path);
    const error = await gateway.start(0, '127.0.0.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupergraphLoadError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/does not exist/);
    await gateway.stop();
  });

  it('fails with SupergraphLoadError when the file is not a valid supergraph', async () => {
    const path = join(dir, 'invalid.graphql');
    await writeFile(path, 'type Query { hello: String }');
    const gateway = gatewayOver(path);
    const error = await gateway.start(0, '127.0.0.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupergraphLoadError);
    expect((error as SupergraphLoadError).code).toBe('SUPERGRAPH_LOAD_FAILED');
    await gateway.stop();
  });

  it('is live but not ready until the supergraph is loaded', async () => {
    const path = join(dir, 'ready.graphql');
    await writeFile(path, supergraphSdl);
    const gateway = gatewayOver(path);
    // Mount the app before start() to observe the not-yet-loaded state.
    const early = createServer(gateway.app);
    await new Promise<void>((resolve) => early.listen(0, '127.0.0.1', resolve));
    const earlyBase = `http://127.0.0.1:${(early.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${earlyBase}/healthz`)).status).toBe(200);
      expect((await fetch(`${earlyBase}/readyz`)).status).toBe(503);
      const graphql = await fetch(`${earlyBase}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ whoami }' }),
      });
      expect(graphql.status).toBe(503);
      const { port } = await gateway.start(0, '127.0.0.1');
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      await gateway.stop();
      await new Promise<void>((resolve) => early.close(() => resolve()));
    }
  });
});

describe('gateway shutdown', () => {
  it('lets an in-flight request finish before stop() resolves', async () => {
    const harness = await startGateway({ supergraphSdl, jwksUrl: issuer.jwksUrl });
    const inFlight = harness.query('{ slow }');
    await catalog.slowStarted.opened;
    const stopped = harness.stop();
    // Wait until the gateway is draining (it refuses new connections) before releasing the request.
    await eventually(async () => {
      await expect(fetch(`${harness.base}/healthz`)).rejects.toThrow();
    });
    catalog.slowGate.open();
    const answer = await inFlight;
    await stopped;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { slow: 'done' } });
  });
});

describe('metrics', () => {
  it('counts requests by operation type and outcome, next to process metrics', async () => {
    const harness = await startGateway({ supergraphSdl, jwksUrl: issuer.jwksUrl });
    try {
      await harness.query('{ whoami }');
      await harness.query('{ products(first: 1000) { id } }');
      await harness.query('{ whoami }', { authorization: 'Basic nope' });
      const response = await fetch(`${harness.base}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toContain(
        'tessera_gateway_requests_total{operation_type="query",outcome="success"} 1',
      );
      expect(text).toContain(
        'tessera_gateway_requests_total{operation_type="query",outcome="error"} 1',
      );
      expect(text).toContain(
        'tessera_gateway_requests_total{operation_type="unknown",outcome="error"} 1',
      );
      expect(text).toContain(
        'tessera_gateway_request_duration_seconds_count{operation_type="query",outcome="success"} 1',
      );
      expect(text).toContain('process_cpu_user_seconds_total');
    } finally {
      await harness.stop();
    }
  });
});
