import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER } from '@tessera/auth';
import { createTestIssuer, type TestIssuer } from '@tessera/testing';
import {
  createDefaultTokenVerifier,
  createLogger,
  subgraphServerBase,
  type SubgraphServerConfig,
} from '../src/index.js';

let issuer: TestIssuer;
const jwksServer = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(issuer.jwks));
});
let config: SubgraphServerConfig;

beforeAll(async () => {
  issuer = await createTestIssuer();
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const { port } = jwksServer.address() as AddressInfo;
  config = {
    jwksUrl: new URL(`http://127.0.0.1:${port}/.well-known/jwks.json`),
    jwtIssuer: DEV_ISSUER,
    jwtAudience: DEV_AUDIENCE,
    nodeEnv: 'test',
  };
});
afterAll(async () => {
  await new Promise((resolve) => jwksServer.close(resolve));
});

const db = {} as Db;
const logger = createLogger({ service: 'kit-test', level: 'silent' });

describe('createDefaultTokenVerifier', () => {
  it('accepts a token signed by a key of the configured JWKS, issuer and audience', async () => {
    const verify = createDefaultTokenVerifier(config);
    const principal = await verify(await issuer.sign({ sub: 'u-1', roles: ['admin'] }));
    expect(principal).toMatchObject({ userId: 'u-1', roles: ['admin'] });
  });

  it('rejects a token for another audience with UNAUTHENTICATED', async () => {
    const verify = createDefaultTokenVerifier(config);
    const token = await issuer.sign({ sub: 'u-1', audience: 'someone-else' });
    await expect(verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('subgraphServerBase', () => {
  it('passes db, logger and nodeEnv through and builds the default verifier when none is given', async () => {
    const base = subgraphServerBase({ db, logger, config });
    expect(base.db).toBe(db);
    expect(base.logger).toBe(logger);
    expect(base.nodeEnv).toBe('test');
    expect(base.verifyToken).not.toBeNull();
    const principal = await base.verifyToken?.(await issuer.sign({ sub: 'u-2' }));
    expect(principal?.userId).toBe('u-2');
  });

  it('keeps an explicit verifier, and null for an anonymous-only server', () => {
    const verifyToken = issuer.verifyToken;
    expect(subgraphServerBase({ db, logger, config, verifyToken }).verifyToken).toBe(verifyToken);
    expect(subgraphServerBase({ db, logger, config, verifyToken: null }).verifyToken).toBeNull();
  });

  it('sets shutdownGraceMs only when the config has one', () => {
    expect(subgraphServerBase({ db, logger, config })).not.toHaveProperty('shutdownGraceMs');
    const withGrace = { ...config, shutdownGraceMs: 1234 };
    expect(subgraphServerBase({ db, logger, config: withGrace }).shutdownGraceMs).toBe(1234);
  });
});
