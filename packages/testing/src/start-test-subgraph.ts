/** The part of a subgraph server (from `createSubgraphServer`) the helper needs. */
export interface StartableServer {
  start(port: number, host?: string): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
}

export interface RunningTestServer extends AsyncDisposable {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:41234/graphql`. */
  readonly url: string;
  /** The server's root, e.g. `http://127.0.0.1:41234`, for `/healthz` and friends. */
  readonly origin: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts a server on a free port of 127.0.0.1 and stops it on dispose:
 * `await using server = await startTestSubgraph(createServer(deps));`
 */
export async function startTestSubgraph(server: StartableServer): Promise<RunningTestServer> {
  const { url, port } = await server.start(0, '127.0.0.1');
  const stop = () => server.stop();
  return { url, port, origin: new URL(url).origin, stop, [Symbol.asyncDispose]: stop };
}
