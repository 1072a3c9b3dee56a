import {
  createSubgraphServer,
  subgraphServerBase,
  type SubgraphServer,
  type SubgraphServerDeps,
} from '@tessera/subgraph-kit';
import { createLoaders } from './loaders.js';
import { createSchema } from './schema.js';

/** The payments subgraph needs only what every subgraph gets: db, config, logger, verifier. */
export type PaymentsServerDeps = SubgraphServerDeps;

/**
 * The payments subgraph over an open database: GraphQL plus the kit's health, metrics and
 * shutdown. Pure: it reads no env and does not listen until `start()`. An absent `verifyToken`
 * checks the accounts JWKS; `null` makes every caller anonymous, so every payments field answers
 * UNAUTHENTICATED.
 */
export function createServer(deps: PaymentsServerDeps): SubgraphServer {
  return createSubgraphServer({
    name: 'payments',
    schema: createSchema(),
    createLoaders,
    ...subgraphServerBase(deps),
  });
}
