import {
  createSubgraphServer,
  subgraphServerBase,
  type SubgraphServer,
  type SubgraphServerDeps,
} from '@tessera/subgraph-kit';
import { createLoaders } from './loaders.js';
import { createSchema } from './schema.js';

/** The reviews subgraph needs only what every subgraph gets: db, config, logger, verifier. */
export type ReviewsServerDeps = SubgraphServerDeps;

/**
 * The reviews subgraph over an open database: GraphQL plus the kit's health, metrics and
 * shutdown. Pure: it reads no env and does not listen until `start()`.
 */
export function createServer(deps: ReviewsServerDeps): SubgraphServer {
  return createSubgraphServer({
    name: 'reviews',
    schema: createSchema(),
    createLoaders,
    ...subgraphServerBase(deps),
  });
}
