/**
 * End-to-end throughput of the order saga (`npm run bench`): orders confirmed per second, and
 * the time from `placeOrder` to CONFIRMED at p50 and p99, with 1 and with 50 concurrent clients.
 * Not a test: it asserts nothing and prints a table.
 *
 * Everything runs here, in one process on this machine's cores: the embedded MongoDB, a private
 * redis-server, and catalog, inventory, payments and orders with their relays and workers. So
 * the figures measure the saga's own machinery (outbox, relay, BullMQ, idempotent consumers,
 * transactions) on one box, not a deployment. Orders are placed on the orders subgraph directly;
 * the gateway adds its own planning cost on top (see FACTS).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MongoClient, type Db } from 'mongodb';
import { createServer as createCatalogServer } from '@tessera/catalog';
import { seed as seedCatalog } from '@tessera/catalog/seed';
import { createServer as createInventoryServer, inventoryIndexes } from '@tessera/inventory';
import { startEmbeddedMongo } from '@tessera/mongo-embedded';
import { createServer as createPaymentsServer, paymentsIndexes } from '@tessera/payments';
import { createLogger, ensureIndexes, type SubgraphServer } from '@tessera/subgraph-kit';
import { createTestIssuer, startRedisServer, testSubgraphConfig } from '@tessera/testing';
import { createHttpProductCatalog } from '../src/catalog/product-catalog.js';
import { ordersIndexes } from '../src/indexes.js';
import { ordersCollection } from '../src/repositories/orders.js';
import { createServer as createOrdersServer } from '../src/server.js';

const RUNS = [
  { clients: 1, orders: 60 },
  { clients: 50, orders: 500 },
] as const;
const SPREAD = Number(process.env['BENCH_SPREAD'] ?? '1');

const logger = createLogger({ service: 'bench', level: 'silent' });
const config = testSubgraphConfig();

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function start(server: SubgraphServer): Promise<{ url: string; stop: () => Promise<void> }> {
  const { url } = await server.start(0, '127.0.0.1');
  return { url, stop: () => server.stop() };
}

/**
 * Resolves each order's wait with the time it became CONFIRMED: the end of its saga's payment
 * step (the pivot). One poller asks for every order still waited for, 50 times a second, so
 * that measuring adds little load to the server it measures.
 */
function confirmationWatcher(db: Db) {
  const orders = ordersCollection(db);
  const waiting = new Map<string, { resolve: (at: number) => void; reject: (e: Error) => void }>();
  let running = true;
  const loop = (async () => {
    while (running) {
      if (waiting.size > 0) {
        const done = orders.find({
          _id: { $in: [...waiting.keys()] },
          'saga.state': { $in: ['COMPLETED', 'CANCELLED'] },
        });
        for await (const order of done) {
          const waiter = waiting.get(order._id);
          waiting.delete(order._id);
          const pivot = order.saga?.steps.find((step) => step.name === 'authorizePayment');
          if (order.status === 'CONFIRMED' && pivot?.finishedAt) {
            waiter?.resolve(pivot.finishedAt.getTime());
          } else waiter?.reject(new Error(`order ${order._id} ended ${order.status}`));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    confirmed: (id: string) =>
      new Promise<number>((resolve, reject) => waiting.set(id, { resolve, reject })),
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function main(): Promise<void> {
  const mongo = await startEmbeddedMongo({ port: 0 });
  const redis = await startRedisServer();
  const client = await MongoClient.connect(mongo.uri);
  const db = (name: string) => client.db(`bench_${name}`);
  await seedCatalog(db('catalog'));
  await ensureIndexes(db('inventory'), inventoryIndexes);
  await ensureIndexes(db('payments'), paymentsIndexes);
  await ensureIndexes(db('orders'), ordersIndexes);
  const total = RUNS.reduce((sum, run) => sum + run.orders, 0);
  for (let i = 1; i <= SPREAD; i += 1) {
    await db('inventory')
      .collection<{ _id: string }>('stock')
      .updateOne(
        { _id: `prod_${String(i).padStart(4, '0')}` },
        { $set: { available: total, reserved: 0, committed: 0, updatedAt: new Date() } },
        { upsert: true },
      );
  }

  const issuer = await createTestIssuer();
  const messaging = { connection: redis.url, environment: 'bench' };
  const catalog = await start(
    createCatalogServer({ db: db('catalog'), config, logger, verifyToken: null }),
  );
  const services = [
    catalog,
    await start(createInventoryServer({ db: db('inventory'), config, logger, messaging })),
    await start(createPaymentsServer({ db: db('payments'), config, logger, messaging })),
  ];
  const orders = await start(
    createOrdersServer({
      db: db('orders'),
      config,
      logger,
      verifyToken: issuer.verifyToken,
      catalog: createHttpProductCatalog({ url: new URL(catalog.url) }),
      messaging,
    }),
  );
  services.push(orders);
  const token = await issuer.sign({ sub: 'usr_0001' });

  let counter = 0;
  const productFor = () => `prod_${String((counter++ % SPREAD) + 1).padStart(4, '0')}`;
  const watcher = confirmationWatcher(db('orders'));
  /** Places one order and waits for it: resolves to the ms from sending it to CONFIRMED. */
  const placeOne = async (): Promise<number> => {
    const sentAt = Date.now();
    const response = await fetch(orders.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }',
        variables: {
          input: {
            lines: [{ productId: productFor(), quantity: 1 }],
            paymentToken: 'tok_ok',
            idempotencyKey: randomUUID(),
          },
        },
      }),
    });
    const body = (await response.json()) as {
      data?: { placeOrder?: { order?: { id?: string } } };
      errors?: unknown[];
    };
    const id = body.data?.placeOrder?.order?.id;
    // A failed request is fast: counting it would flatter the figures.
    if (!id || body.errors) throw new Error(`placeOrder failed: ${JSON.stringify(body.errors)}`);
    return (await watcher.confirmed(id)) - sentAt;
  };

  const rows: string[] = [];
  for (const run of RUNS) {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    // Closed loop: each client places its next order once the previous one is CONFIRMED.
    await Promise.all(
      Array.from({ length: run.clients }, async () => {
        while (next < run.orders) {
          next += 1;
          latencies.push(await placeOne());
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    rows.push(
      `| ${String(run.clients).padStart(7)} | ${String(run.orders).padStart(6)} | ${(run.orders / seconds).toFixed(1).padStart(17)} | ${percentile(latencies, 50).toFixed(0).padStart(8)} | ${percentile(latencies, 99).toFixed(0).padStart(8)} |`,
    );
  }

  console.log('Order saga, placeOrder → CONFIRMED (tok_ok), one process, embedded MongoDB');
  console.log('| clients | orders | confirmed per s | p50 (ms) | p99 (ms) |');
  console.log('| ------- | ------ | ----------------- | -------- | -------- |');
  for (const row of rows) console.log(row);

  await watcher.stop();
  for (const service of services.reverse()) await service.stop();
  await client.close();
  await redis.stop();
  await mongo.stop();
}

await main();
