import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createGateway, loadGatewayConfig, type Gateway } from '../../src/index.js';
import { TEST_AUDIENCE, TEST_ISSUER } from './jwks-issuer.js';

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

export interface HarnessOptions {
  readonly supergraphSdl: string;
  readonly jwksUrl: string;
  /** Extra environment for the gateway config (e.g. `SUBGRAPH_TIMEOUT_MS`). */
  readonly env?: Record<string, string>;
}

/**
 * A real gateway on 127.0.0.1 and a free port, over a supergraph file in its own temp directory,
 * with its log lines captured in memory.
 */
export async function startGateway(options: HarnessOptions) {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-gateway-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, options.supergraphSdl);
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    SUPERGRAPH_PATH: supergraphPath,
    JWKS_URL: options.jwksUrl,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const gateway: Gateway = createGateway({ config, logger });
  const { url, port } = await gateway.start(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;

  const request = async (
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; body: GraphQLBody }> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: JSON.parse(text) as GraphQLBody,
    };
  };

  return {
    url,
    base,
    config,
    gateway,
    logLines,
    supergraphPath,
    /** POSTs a GraphQL operation and parses the JSON answer (a non-JSON answer fails the test). */
    query: (
      query: string,
      headers: Record<string, string> = {},
      variables?: Record<string, unknown>,
    ) => request({ query, ...(variables ? { variables } : {}) }, headers),
    /** POSTs an arbitrary body with content-type application/json. */
    post: request,
    /** Replaces the supergraph file the way deploy tools do: write aside, then rename over it. */
    async replaceSupergraph(sdl: string) {
      const aside = join(dir, `.supergraph-${Date.now()}.tmp`);
      await writeFile(aside, sdl);
      await rename(aside, supergraphPath);
    },
    stop: async () => {
      await gateway.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Retries `check` until it stops throwing; for effects that land asynchronously (file watch). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A port nothing listens on: bound once by the OS, then released. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
