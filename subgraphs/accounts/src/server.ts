import type { Db } from 'mongodb';
import { createTokenVerifier } from '@tessera/auth';
import { createSubgraphServer, type Logger, type SubgraphServer } from '@tessera/subgraph-kit';
import { createLoginService } from './auth/login.js';
import type { SigningKey } from './auth/signing-key.js';
import { createTokenIssuer, type TokenIssuer } from './auth/token-issuer.js';
import type { AccountsConfig } from './config.js';
import { createLoaders, type AccountsServices } from './loaders.js';
import { createUsersRepository } from './repositories/users.js';
import { createSchema } from './schema.js';

export const JWKS_PATH = '/.well-known/jwks.json';
/** Verifiers cache the key set this long; rotation must keep an old key published at least as long. */
const JWKS_MAX_AGE_SECONDS = 300;

export interface AccountsServerDeps {
  readonly db: Db;
  readonly config: Pick<AccountsConfig, 'jwtIssuer' | 'jwtAudience' | 'jwtTtlSeconds' | 'nodeEnv'> &
    Partial<Pick<AccountsConfig, 'shutdownGraceMs'>>;
  readonly signingKey: SigningKey;
  readonly logger: Logger;
  /** The clock of token issuing and verification, for tests. @defaultValue `() => new Date()` */
  readonly now?: () => Date;
}

export interface AccountsServer extends SubgraphServer {
  /** Issues tokens with the server's key, e.g. for the dev stack's demo token or tests. */
  readonly tokens: TokenIssuer;
}

/**
 * The accounts subgraph over an open database and a signing key: GraphQL, the public JWKS, and
 * the kit's health, metrics and shutdown. Pure: it reads no env and does not listen until
 * `start()`.
 */
export function createServer(deps: AccountsServerDeps): AccountsServer {
  const { db, config, signingKey, logger } = deps;
  const clock = deps.now ? { now: deps.now } : {};
  const tokens = createTokenIssuer({
    key: signingKey,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    ttlSeconds: config.jwtTtlSeconds,
    ...clock,
  });
  const services: AccountsServices = {
    login: createLoginService({ users: createUsersRepository(db), tokens }),
  };
  // accounts trusts its own key directly: no HTTP round trip to itself.
  const verifyToken = createTokenVerifier({
    jwks: tokens.keyResolver,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    ...(deps.now ? { currentDate: deps.now } : {}),
  });
  const server = createSubgraphServer({
    name: 'accounts',
    schema: createSchema(),
    db,
    verifyToken,
    createLoaders: ({ db: requestDb }) => createLoaders({ db: requestDb, services }),
    logger,
    nodeEnv: config.nodeEnv,
    ...(config.shutdownGraceMs === undefined ? {} : { shutdownGraceMs: config.shutdownGraceMs }),
    routes: (app) => {
      app.get(JWKS_PATH, (_req, res) => {
        res.setHeader('Cache-Control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`);
        res.json(tokens.jwks);
      });
    },
  });
  return { ...server, tokens };
}
