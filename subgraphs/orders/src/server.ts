import { createMessaging, SagaQueues, type MessagingDeps } from '@tessera/events';
import {
  createSubgraphServer,
  subgraphServerBase,
  withBackground,
  type SubgraphServer,
  type SubgraphServerConfig,
  type SubgraphServerDeps,
} from '@tessera/subgraph-kit';
import { createHttpProductCatalog, type ProductCatalog } from './catalog/product-catalog.js';
import { DEFAULT_CATALOG_URL, type OrdersConfig } from './config.js';
import { createQueueDashboard } from './dashboard/queue-dashboard.js';
import { createLoaders, type OrdersServices } from './loaders.js';
import { createSagaHandler, SAGA_INPUT_TYPES } from './saga/saga-handlers.js';
import { createSchema } from './schema.js';

export interface OrdersServerDeps extends SubgraphServerDeps {
  readonly config: SubgraphServerConfig &
    Partial<Pick<OrdersConfig, 'sagaStepTimeoutMs' | 'catalogUrl'>>;
  /** Prices new orders. @defaultValue catalog's subgraph at `config.catalogUrl` */
  readonly catalog?: ProductCatalog;
  /**
   * Runs the saga: the outbox relay and the worker of the `orders` queue. Absent or null serves
   * GraphQL only (orders placed then wait in the outbox until a process with messaging runs).
   */
  readonly messaging?: MessagingDeps | null;
  /** The clock of orders and sagas, for tests. @defaultValue `() => new Date()` */
  readonly now?: () => Date;
  /**
   * Serves the `@bull-board` queue dashboard at `/admin/queues`, for admins (development only:
   * `main.ts` turns it on when `NODE_ENV=development`). Needs `messaging` and a token verifier.
   * @defaultValue false
   */
  readonly queueDashboard?: boolean;
}

/**
 * The orders subgraph over an open database: GraphQL plus the kit's health, metrics and
 * shutdown, and with `messaging` the order saga's relay and worker. Pure: it reads no env and
 * neither listens nor connects to Redis until `start()`. An absent `verifyToken` checks the
 * accounts JWKS; `null` makes every caller anonymous.
 */
export function createServer(deps: OrdersServerDeps): SubgraphServer {
  const { db, config, logger } = deps;
  const sagaStepTimeoutMs = config.sagaStepTimeoutMs ?? 30_000;
  const now = deps.now ?? (() => new Date());
  // One handler serves every saga input: the consumer name (hence the idempotency mark) is per
  // message type, the state machine is the same.
  const sagaHandler = createSagaHandler({ stepTimeoutMs: sagaStepTimeoutMs, now });
  const messaging = deps.messaging
    ? createMessaging({
        service: 'orders',
        db,
        ...deps.messaging,
        produces: [SagaQueues.inventory, SagaQueues.payments, SagaQueues.orders],
        consumes: {
          queue: SagaQueues.orders,
          handlers: Object.fromEntries(SAGA_INPUT_TYPES.map((type) => [type, sagaHandler])),
        },
        logger,
      })
    : undefined;
  const services: OrdersServices = {
    catalog:
      deps.catalog ??
      createHttpProductCatalog({ url: config.catalogUrl ?? new URL(DEFAULT_CATALOG_URL) }),
    sagaStepTimeoutMs,
    outboxWritten: () => messaging?.relay.nudge(),
    now,
  };
  const base = subgraphServerBase(deps);
  const dashboard =
    deps.queueDashboard && deps.messaging && base.verifyToken
      ? createQueueDashboard({ messaging: deps.messaging, verifyToken: base.verifyToken })
      : undefined;
  const server = createSubgraphServer({
    name: 'orders',
    schema: createSchema(),
    createLoaders: ({ db: requestDb }) => createLoaders({ db: requestDb, services }),
    ...(dashboard
      ? { routes: (app: Parameters<typeof dashboard.mount>[0]) => dashboard.mount(app) }
      : {}),
    ...base,
  });
  if (!messaging) return server;
  // In order: the dashboard starts after messaging and stops before it; withBackground stops
  // messaging when the dashboard fails to start, and runs every stop even if one throws.
  return withBackground(server, dashboard ? [messaging, dashboard] : [messaging]);
}
