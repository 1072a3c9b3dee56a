import { createMessaging, SagaQueues, type MessagingDeps } from '@tessera/events';
import {
  createSubgraphServer,
  subgraphServerBase,
  withBackground,
  type SubgraphServer,
  type SubgraphServerDeps,
} from '@tessera/subgraph-kit';
import { createLoaders } from './loaders.js';
import { createFakePaymentProvider } from './provider/create-fake-payment-provider.js';
import type { PaymentProvider } from './provider/payment-provider.js';
import { createPaymentHandlers } from './saga/payment-handlers.js';
import { createSchema } from './schema.js';

/** What every subgraph gets (db, config, logger, verifier), plus the saga's messaging. */
export interface PaymentsServerDeps extends SubgraphServerDeps {
  /**
   * Where the order saga's queues are. Given, the server also consumes payment commands from
   * queue `payments` and relays its replies to queue `orders`, from `start()` to `stop()`.
   * @defaultValue null (GraphQL only)
   */
  readonly messaging?: MessagingDeps | null;
  /** The card payment provider. @defaultValue the fake provider over `db` */
  readonly provider?: PaymentProvider;
}

/**
 * The payments subgraph over an open database: GraphQL plus the kit's health, metrics and
 * shutdown, and with `messaging` its part of the order saga. Pure: it reads no env and neither
 * listens nor consumes until `start()`. An absent `verifyToken` checks the accounts JWKS; `null`
 * makes every caller anonymous, so every payments field answers UNAUTHENTICATED.
 */
export function createServer(deps: PaymentsServerDeps): SubgraphServer {
  const server = createSubgraphServer({
    name: 'payments',
    schema: createSchema(),
    createLoaders,
    ...subgraphServerBase(deps),
  });
  if (!deps.messaging) return server;
  const provider = deps.provider ?? createFakePaymentProvider({ db: deps.db });
  return withBackground(
    server,
    createMessaging({
      service: 'payments',
      db: deps.db,
      ...deps.messaging,
      produces: [SagaQueues.orders],
      consumes: { queue: SagaQueues.payments, handlers: createPaymentHandlers({ provider }) },
      logger: deps.logger,
    }),
  );
}
