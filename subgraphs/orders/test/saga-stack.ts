import { fileURLToPath } from 'node:url';
import { MongoClient, type Db } from 'mongodb';
import { createServer as createCatalogServer } from '@tessera/catalog';
import { seed as seedCatalog } from '@tessera/catalog/seed';
import { spawnNodeService, waitForReady, type ManagedProcess } from '@tessera/devstack';
import { createQueue, SagaQueues } from '@tessera/events';
import { inventoryIndexes } from '@tessera/inventory';
import { seed as seedInventory } from '@tessera/inventory/seed';
import { paymentsIndexes } from '@tessera/payments';
import { createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import {
  createTestIssuer,
  eventually,
  freePort,
  graphqlRequest,
  startTestSubgraph,
  testMongoUri,
  testRedisUrl,
  uniqueName,
  type GraphQLResponse,
  type RunningTestServer,
  testSubgraphConfig,
} from '@tessera/testing';
import { createHttpProductCatalog } from '../src/catalog/product-catalog.js';
import { ordersIndexes } from '../src/indexes.js';
import { ordersCollection } from '../src/repositories/orders.js';
import { createServer as createOrdersServer } from '../src/server.js';
import { assertSagaInvariants } from './saga-invariants.js';

/** The users of the tests: the seeded demo customer, another customer and an admin. */
export const DEMO_USER = 'usr_0001';
export const OTHER_USER = 'usr_0003';

export interface SagaStackOptions {
  /** ORDERS_SAGA_STEP_TIMEOUT_MS. @defaultValue 30000 */
  readonly stepTimeoutMs?: number;
  /** The Redis of every process (a proxy, to take it down). @defaultValue the run's Redis */
  readonly redisUrl?: string;
  /** Extra env of the payments process (e.g. PAYMENTS_PROVIDER_LATENCY_MS). */
  readonly paymentsEnv?: Readonly<Record<string, string>>;
}

export interface StockCounts {
  readonly available: number;
  readonly reserved: number;
  readonly committed: number;
}

interface WorkerProcess {
  readonly name: 'inventory' | 'payments';
  process: ManagedProcess;
  readonly port: number;
  readonly env: NodeJS.ProcessEnv;
}

export interface SagaStack extends AsyncDisposable {
  readonly ordersUrl: string;
  /** The Redis and queue environment every process of the stack uses. */
  readonly redisUrl: string;
  readonly environment: string;
  readonly ordersDb: Db;
  readonly inventoryDb: Db;
  readonly paymentsDb: Db;
  readonly tokens: { readonly demo: string; readonly other: string; readonly admin: string };
  /** Sets a product's stock to `available` units, nothing reserved or committed. */
  setStock(productId: string, available: number): Promise<void>;
  stockOf(productId: string): Promise<StockCounts>;
  placeOrder(input: Record<string, unknown>, token?: string): Promise<GraphQLResponse>;
  /** Polls the order in the graph until its saga is COMPLETED or CANCELLED. */
  waitForSettled(orderId: string, timeoutMs?: number): Promise<SettledOrder>;
  /** The worker process of a service, to SIGKILL and restart it. */
  worker(name: 'inventory' | 'payments'): ManagedProcess;
  /** Starts a stopped or killed worker process again, with the same environment. */
  restartWorker(name: 'inventory' | 'payments'): Promise<void>;
  /**
   * The saga's invariants over every order placed in this stack: each saga is settled, stock is
   * conserved, captures belong to confirmed orders, cancelled orders hold nothing.
   */
  assertInvariants(initialStock: ReadonlyMap<string, number>): Promise<void>;
}

export interface SettledOrder {
  readonly id: string;
  readonly status: string;
  readonly cancellationReason: string | null;
  readonly saga: {
    readonly state: string;
    readonly steps: readonly {
      readonly name: string;
      readonly status: string;
      readonly attempts: number;
      readonly lastError: string | null;
    }[];
  };
}

export const ORDER_FIELDS = `id status cancellationReason
  saga { state steps { name status attempts lastError startedAt finishedAt } }`;

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

// From @tessera/testing; the saga test files import it from here along with the stack.
export { eventually };

/**
 * The order saga's services on the run's embedded MongoDB and Redis: catalog and orders in this
 * process, inventory and payments as real worker processes (`node --import tsx src/main.ts`),
 * all on one unique queue environment and unique databases, torn down on dispose.
 */
export async function startSagaStack(options: SagaStackOptions = {}): Promise<SagaStack> {
  const client = await MongoClient.connect(testMongoUri());
  const environment = uniqueName('saga');
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const dbs = {
    catalog: client.db(uniqueName('saga_catalog')),
    inventory: client.db(uniqueName('saga_inventory')),
    payments: client.db(uniqueName('saga_payments')),
    orders: client.db(uniqueName('saga_orders')),
  };
  await Promise.all([
    seedCatalog(dbs.catalog),
    ensureIndexes(dbs.inventory, inventoryIndexes).then(() => seedInventory(dbs.inventory)),
    ensureIndexes(dbs.payments, paymentsIndexes),
    ensureIndexes(dbs.orders, ordersIndexes),
  ]);
  const issuer = await createTestIssuer();
  const logger = createLogger({ service: 'saga-test', level: 'silent' });
  const config = testSubgraphConfig();
  const servers: RunningTestServer[] = [];
  const workers: WorkerProcess[] = [];

  const spawnWorker = async (worker: WorkerProcess): Promise<void> => {
    worker.process = spawnNodeService({
      name: worker.name,
      cwd: `${REPO}subgraphs/${worker.name}`,
      env: worker.env,
    });
    await waitForReady({
      url: `http://127.0.0.1:${String(worker.port)}/readyz`,
      process: worker.process,
      timeoutMs: 60_000,
    });
  };

  const dispose = async () => {
    await Promise.allSettled(workers.map((w) => w.process.stop()));
    await Promise.allSettled(servers.map((s) => s.stop()));
    for (const name of Object.values(SagaQueues)) {
      const queue = createQueue(name, { connection: redisUrl, environment });
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await Promise.allSettled(Object.values(dbs).map((db) => db.dropDatabase()));
    await client.close();
  };

  try {
    const catalog = await startTestSubgraph(
      createCatalogServer({ db: dbs.catalog, config, logger, verifyToken: null }),
    );
    servers.push(catalog);
    const common = {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      REDIS_URL: redisUrl,
      QUEUE_ENVIRONMENT: environment,
      // A killed worker's job comes back within about 5 s instead of 45 s.
      QUEUE_LOCK_DURATION_MS: '4000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
    };
    for (const name of ['inventory', 'payments'] as const) {
      const prefix = name.toUpperCase();
      const port = await freePort();
      const worker: WorkerProcess = {
        name,
        port,
        process: undefined as unknown as ManagedProcess,
        env: {
          ...common,
          [`${prefix}_PORT`]: String(port),
          [`${prefix}_MONGODB_URI`]: testMongoUri(),
          [`${prefix}_MONGODB_DB`]: dbs[name].databaseName,
          ...(name === 'payments' ? options.paymentsEnv : {}),
        },
      };
      workers.push(worker);
    }
    await Promise.all(workers.map(spawnWorker));

    const orders = await startTestSubgraph(
      createOrdersServer({
        db: dbs.orders,
        config: { ...config, sagaStepTimeoutMs: options.stepTimeoutMs ?? 30_000 },
        logger,
        verifyToken: issuer.verifyToken,
        catalog: createHttpProductCatalog({ url: new URL(catalog.url) }),
        messaging: {
          connection: redisUrl,
          environment,
          // Fast retries: tok_flaky's two failures cost well under a second.
          defaultJobOptions: { backoff: { type: 'exponential', delay: 100, jitter: 0.5 } },
          worker: { lockDuration: 4_000, stalledInterval: 1_000 },
        },
      }),
    );
    servers.push(orders);

    const tokens = {
      demo: await issuer.sign({ sub: DEMO_USER }),
      other: await issuer.sign({ sub: OTHER_USER }),
      admin: await issuer.sign({ sub: 'usr_0002', roles: ['admin'] }),
    };
    const stock = dbs.inventory.collection<StockCounts & { _id: string }>('stock');

    const stack: SagaStack = {
      ordersUrl: orders.url,
      redisUrl,
      environment,
      ordersDb: dbs.orders,
      inventoryDb: dbs.inventory,
      paymentsDb: dbs.payments,
      tokens,
      setStock: async (productId, available) => {
        await stock.updateOne(
          { _id: productId },
          { $set: { available, reserved: 0, committed: 0, updatedAt: new Date() } },
          { upsert: true },
        );
      },
      stockOf: async (productId) => {
        const doc = await stock.findOne({ _id: productId });
        return {
          available: doc?.available ?? 0,
          reserved: doc?.reserved ?? 0,
          committed: doc?.committed ?? 0,
        };
      },
      placeOrder: (input, token = tokens.demo) =>
        graphqlRequest(
          orders.url,
          `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { ${ORDER_FIELDS} } } }`,
          { input },
          token,
        ),
      waitForSettled: (orderId, timeoutMs = 20_000) =>
        eventually(
          async () => {
            const response = await graphqlRequest<{ order: SettledOrder | null }>(
              orders.url,
              `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
              { id: orderId },
              tokens.admin,
            );
            const order = response.body.data?.order;
            const state = order?.saga.state;
            return order && (state === 'COMPLETED' || state === 'CANCELLED') ? order : undefined;
          },
          `the saga of ${orderId} to settle`,
          // Each check is a GraphQL request: poll less eagerly than the default.
          { timeoutMs, intervalMs: 50 },
        ),
      worker: (name) => {
        const worker = workers.find((w) => w.name === name);
        if (!worker) throw new Error(`no ${name} worker`);
        return worker.process;
      },
      restartWorker: async (name) => {
        const worker = workers.find((w) => w.name === name);
        if (!worker) throw new Error(`no ${name} worker`);
        await spawnWorker(worker);
      },
      assertInvariants: async (initialStock) => {
        const placed = await ordersCollection(dbs.orders).find({}).toArray();
        await assertSagaInvariants(stack, placed, initialStock);
      },
      [Symbol.asyncDispose]: dispose,
    };
    return stack;
  } catch (error) {
    await dispose();
    throw error;
  }
}
