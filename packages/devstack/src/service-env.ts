import type { SubgraphInfo } from './discover-subgraphs.js';

/** What every child needs to know about the stack around it. */
export interface StackEndpoints {
  readonly mongoUri: string;
  readonly redisUrl: string;
  /** The accounts JWKS, when an accounts subgraph is part of the stack. */
  readonly jwksUrl: string | undefined;
}

export interface PlannedSubgraph {
  readonly subgraph: SubgraphInfo;
  readonly port: number;
}

/** `http://127.0.0.1:<port>` for a planned subgraph's base URL. */
export function localUrl(port: number, path = ''): string {
  return `http://127.0.0.1:${port}${path}`;
}

/** `SUBGRAPH_<NAME>_URL` of every planned subgraph: where the gateway (and peers) reach it. */
export function subgraphUrls(subgraphs: readonly PlannedSubgraph[]): Record<string, string> {
  return Object.fromEntries(
    subgraphs.map(({ subgraph, port }) => [
      `SUBGRAPH_${subgraph.envPrefix}_URL`,
      localUrl(port, '/graphql'),
    ]),
  );
}

/**
 * A subgraph's environment: its `<DOMAIN>_PORT`, the shared MongoDB and Redis, the JWKS it
 * re-verifies tokens with, its peers' `SUBGRAPH_<NAME>_URL` (orders prices orders at catalog),
 * and development mode (which also makes it seed an empty database).
 */
export function subgraphEnv(
  planned: PlannedSubgraph,
  endpoints: StackEndpoints,
  base: NodeJS.ProcessEnv,
  peers: readonly PlannedSubgraph[] = [],
): NodeJS.ProcessEnv {
  return {
    ...base,
    ...subgraphUrls(peers),
    NODE_ENV: 'development',
    [`${planned.subgraph.envPrefix}_PORT`]: String(planned.port),
    MONGODB_URI: endpoints.mongoUri,
    REDIS_URL: endpoints.redisUrl,
    ...(endpoints.jwksUrl !== undefined && base['JWKS_URL'] === undefined
      ? { JWKS_URL: endpoints.jwksUrl }
      : {}),
  };
}

/**
 * The gateway's environment: its port and a `SUBGRAPH_<NAME>_URL` for every subgraph, so the
 * URLs baked into the supergraph never matter in dev, whatever ports were chosen.
 */
export function gatewayEnv(
  port: number,
  subgraphs: readonly PlannedSubgraph[],
  endpoints: StackEndpoints,
  supergraphPath: string,
  base: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  const urls = subgraphUrls(subgraphs);
  return {
    ...base,
    NODE_ENV: 'development',
    GATEWAY_PORT: String(port),
    REDIS_URL: endpoints.redisUrl,
    SUPERGRAPH_PATH: base['SUPERGRAPH_PATH'] ?? supergraphPath,
    ...(endpoints.jwksUrl !== undefined && base['JWKS_URL'] === undefined
      ? { JWKS_URL: endpoints.jwksUrl }
      : {}),
    ...urls,
  };
}
