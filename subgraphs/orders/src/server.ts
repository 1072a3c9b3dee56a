import type { Db } from 'mongodb';
import { createTokenVerifier, type TokenVerifier } from '@tessera/auth';
import { createSubgraphServer, type Logger, type SubgraphServer } from '@tessera/subgraph-kit';
import type { OrdersConfig } from './config.js';
import { createLoaders } from './loaders.js';
import { createSchema } from './schema.js';

export interface OrdersServerDeps {
  readonly db: Db;
  readonly config: Pick<OrdersConfig, 'jwksUrl' | 'jwtIssuer' | 'jwtAudience' | 'nodeEnv'> &
    Partial<Pick<OrdersConfig, 'shutdownGraceMs'>>;
  readonly logger: Logger;
  /**
   * Verifies forwarded bearer tokens. `null` ignores them (every caller anonymous, so every
   * orders field answers UNAUTHENTICATED).
   * @defaultValue a verifier over `config.jwksUrl` (the accounts JWKS)
   */
  readonly verifyToken?: TokenVerifier | null;
}

/**
 * The orders subgraph over an open database: GraphQL plus the kit's health, metrics and
 * shutdown. Pure: it reads no env and does not listen until `start()`.
 */
export function createServer(deps: OrdersServerDeps): SubgraphServer {
  const { db, config, logger } = deps;
  const verifyToken =
    deps.verifyToken === undefined
      ? createTokenVerifier({
          jwks: config.jwksUrl,
          issuer: config.jwtIssuer,
          audience: config.jwtAudience,
        })
      : deps.verifyToken;
  return createSubgraphServer({
    name: 'orders',
    schema: createSchema(),
    db,
    verifyToken,
    createLoaders,
    logger,
    nodeEnv: config.nodeEnv,
    ...(config.shutdownGraceMs === undefined ? {} : { shutdownGraceMs: config.shutdownGraceMs }),
  });
}
