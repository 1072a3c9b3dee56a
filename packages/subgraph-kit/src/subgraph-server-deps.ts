import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import { createTokenVerifier, type TokenVerifier } from '@tessera/auth';
import type { SubgraphEnv } from './subgraph-env.js';

/** The settings a subgraph's `createServer` reads: token checks, error masking, shutdown. */
export type SubgraphServerConfig = Pick<
  SubgraphEnv,
  'jwksUrl' | 'jwtIssuer' | 'jwtAudience' | 'nodeEnv'
> &
  Partial<Pick<SubgraphEnv, 'shutdownGraceMs'>>;

/** What every subgraph's pure `createServer(deps)` takes. */
export interface SubgraphServerDeps {
  readonly db: Db;
  readonly config: SubgraphServerConfig;
  readonly logger: Logger;
  /**
   * Verifies forwarded bearer tokens. `null` ignores them (every caller anonymous).
   * @defaultValue {@link createDefaultTokenVerifier} over `config` (the accounts JWKS)
   */
  readonly verifyToken?: TokenVerifier | null;
}

/**
 * The verifier of every subgraph: the gateway forwards the caller's bearer token unchanged and
 * each subgraph re-checks it against the accounts JWKS (`JWKS_URL`, `JWT_ISSUER`, `JWT_AUDIENCE`).
 */
export function createDefaultTokenVerifier(
  config: Pick<SubgraphEnv, 'jwksUrl' | 'jwtIssuer' | 'jwtAudience'>,
): TokenVerifier {
  return createTokenVerifier({
    jwks: config.jwksUrl,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
  });
}

/** The `createSubgraphServer` options that come straight from {@link SubgraphServerDeps}. */
export interface SubgraphServerBase {
  readonly db: Db;
  readonly logger: Logger;
  readonly verifyToken: TokenVerifier | null;
  readonly nodeEnv: SubgraphEnv['nodeEnv'];
  readonly shutdownGraceMs?: number;
}

/**
 * Maps a subgraph's deps to the shared `createSubgraphServer` options, so `createServer` only
 * adds what is its own: `createSubgraphServer({ name, schema, createLoaders, ...serverBase(deps) })`.
 * An absent `verifyToken` gets {@link createDefaultTokenVerifier}; `null` stays `null`.
 */
export function subgraphServerBase(deps: SubgraphServerDeps): SubgraphServerBase {
  const { db, config, logger } = deps;
  return {
    db,
    logger,
    verifyToken:
      deps.verifyToken === undefined ? createDefaultTokenVerifier(config) : deps.verifyToken,
    nodeEnv: config.nodeEnv,
    ...(config.shutdownGraceMs === undefined ? {} : { shutdownGraceMs: config.shutdownGraceMs }),
  };
}
