import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from './support/compose.js';
import { catalogSdl, startCatalog } from './support/fixtures.js';
import { eventually, startGateway } from './support/gateway-harness.js';
import { startJwksIssuer } from './support/jwks-issuer.js';

type Issuer = Awaited<ReturnType<typeof startJwksIssuer>>;
type Catalog = Awaited<ReturnType<typeof startCatalog>>;
type Harness = Awaited<ReturnType<typeof startGateway>>;

let issuer: Issuer;
let catalog: Catalog;
let gateway: Harness;
let v1: string;
let v2: string;

const DESCRIPTION_QUERY = '{ products(first: 1) { name description } }';

beforeAll(async () => {
  issuer = await startJwksIssuer();
  // The subgraph already serves `Product.description`; the supergraph learns of it later, the
  // order a real deploy follows.
  catalog = await startCatalog();
  v1 = composeSupergraph([{ name: 'catalog', url: catalog.subgraph.url, sdl: catalogSdl(false) }]);
  v2 = composeSupergraph([{ name: 'catalog', url: catalog.subgraph.url, sdl: catalogSdl(true) }]);
  gateway = await startGateway({ supergraphSdl: v1, jwksUrl: issuer.jwksUrl });
});

afterAll(async () => {
  catalog?.slowGate.open();
  await gateway?.stop();
  await catalog?.subgraph.stop();
  await issuer?.close();
});

describe('supergraph hot reload', () => {
  it('keeps serving the old schema when an invalid supergraph is written', async () => {
    const before = await gateway.query(DESCRIPTION_QUERY);
    expect(before.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');

    await writeFile(gateway.supergraphPath, 'this is not a supergraph {');
    await eventually(() => {
      expect(gateway.logLines.join('')).toContain('the new supergraph is invalid');
      return Promise.resolve();
    });
    const after = await gateway.query('{ products(first: 1) { name } }');
    expect(after.body).toEqual({ data: { products: [{ name: 'Teapot' }] } });
    expect((await fetch(`${gateway.base}/readyz`)).status).toBe(200);
  });

  it('serves a field added by a replaced supergraph without a restart, finishing in-flight requests', async () => {
    // A request held open inside the subgraph while the supergraph is swapped under it.
    const inFlight = gateway.query('{ slow }');
    await catalog.slowStarted.opened;

    await gateway.replaceSupergraph(v2);
    const reloaded = await eventually(async () => {
      const answer = await gateway.query(DESCRIPTION_QUERY);
      expect(answer.body.errors).toBeUndefined();
      return answer;
    });
    expect(reloaded.body.data).toEqual({
      products: [{ name: 'Teapot', description: 'Short and stout.' }],
    });

    catalog.slowGate.open();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(finished.body).toEqual({ data: { slow: 'done' } });
  });

  it('picks up a later in-place rewrite too (the watch survives the rename)', async () => {
    await writeFile(gateway.supergraphPath, v1);
    await eventually(async () => {
      const answer = await gateway.query(DESCRIPTION_QUERY);
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });
});
