import { createMessaging, SagaQueues, type MessagingDeps } from '@tessera/events';
import {
  createSubgraphServer,
  subgraphServerBase,
  withBackground,
  type SubgraphServer,
  type SubgraphServerDeps,
} from '@tessera/subgraph-kit';
import { createLoaders } from './loaders.js';
import { stockCommandHandlers } from './saga/stock-command-handlers.js';
import { createSchema } from './schema.js';

/** What every subgraph gets (db, config, logger, verifier), plus where the saga's queues are. */
export interface InventoryServerDeps extends SubgraphServerDeps {
  /**
   * Redis and the queue environment of the order saga. Given, the server also consumes the
   * stock commands on the `inventory` queue and relays its replies to `orders`.
   * @defaultValue undefined (GraphQL only)
   */
  readonly messaging?: MessagingDeps | null;
}

/**
 * The inventory subgraph over an open database: GraphQL plus the kit's health, metrics and
 * shutdown and, with `messaging`, its part of the order saga (the stock command consumer and
 * its outbox relay, started before the server listens and stopped after it drains). Pure: it
 * reads no env and does not listen until `start()`.
 */
export function createServer(deps: InventoryServerDeps): SubgraphServer {
  const server = createSubgraphServer({
    name: 'inventory',
    schema: createSchema(),
    createLoaders,
    ...subgraphServerBase(deps),
  });
  if (!deps.messaging) return server;
  return withBackground(
    server,
    createMessaging({
      service: 'inventory',
      db: deps.db,
      ...deps.messaging,
      produces: [SagaQueues.orders],
      consumes: { queue: SagaQueues.inventory, handlers: stockCommandHandlers },
      logger: deps.logger,
    }),
  );
}
