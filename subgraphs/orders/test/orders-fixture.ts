import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import { Roles } from '@tessera/auth';
import { createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import {
  createTestIssuer,
  startTestSubgraph,
  testMongoUri,
  uniqueName,
  type RunningTestServer,
  testSubgraphConfig,
} from '@tessera/testing';
import { ordersIndexes } from '../src/indexes.js';
import { ordersCollection, type OrderDocument } from '../src/repositories/orders.js';
import { seed } from '../src/seed.js';
import { createServer } from '../src/server.js';

/** A customer with more orders than one default page holds. */
export const BUSY_CUSTOMER_ID = 'usr_0010';
export const BUSY_CUSTOMER_ORDERS = 12;
/** Customers with one order each, to batch 50 users or 50 orders in one request. */
export const ONE_ORDER_CUSTOMERS = 50;

export interface OrdersFixture extends AsyncDisposable {
  readonly db: Db;
  readonly client: MongoClient;
  readonly server: RunningTestServer;
  /** Every command the server sent through the shared driver client, for counting queries. */
  readonly commands: CommandStartedEvent[];
  /** Bearer tokens: the demo customer (usr_0001), another customer (usr_0003), an admin. */
  readonly tokens: { readonly demo: string; readonly other: string; readonly admin: string };
  /** find and aggregate commands the server sent to `collection` since `commands` was last emptied. */
  queriesOn(collection: string): CommandStartedEvent[];
  stop(): Promise<void>;
}

/** The extra orders: `ord_x0001`… for one-order customers, `ord_y0001`… for the busy one. */
export function extraOrders(): OrderDocument[] {
  const base = Date.UTC(2026, 3, 1);
  const order = (id: string, customerId: string, minute: number): OrderDocument => {
    const createdAt = new Date(base + minute * 60_000);
    return {
      _id: id,
      customerId,
      status: 'PENDING',
      lines: [
        {
          productId: 'prod_0007',
          productName: 'Classic Notebook',
          quantity: 1,
          unitPrice: { amount: 799, currency: 'USD' },
        },
      ],
      total: { amount: 799, currency: 'USD' },
      idempotencyKey: `key-${id}`,
      createdAt,
      updatedAt: createdAt,
    };
  };
  const pad = (n: number) => String(n).padStart(4, '0');
  return [
    ...Array.from({ length: ONE_ORDER_CUSTOMERS }, (_, i) =>
      order(`ord_x${pad(i + 1)}`, `usr_x${pad(i + 1)}`, i),
    ),
    ...Array.from({ length: BUSY_CUSTOMER_ORDERS }, (_, i) =>
      order(`ord_y${pad(i + 1)}`, BUSY_CUSTOMER_ID, 100 + i),
    ),
  ];
}

/**
 * The real orders server on a free port, over a unique database holding the seed plus
 * {@link extraOrders}. The driver's command monitoring counts the server's queries.
 */
export async function startOrdersFixture(): Promise<OrdersFixture> {
  const commands: CommandStartedEvent[] = [];
  const client = new MongoClient(testMongoUri(), { monitorCommands: true });
  client.on('commandStarted', (event) => commands.push(event));
  await client.connect();
  const db = client.db(uniqueName('orders'));
  await ensureIndexes(db, ordersIndexes);
  await seed(db);
  await ordersCollection(db).insertMany(extraOrders());
  const issuer = await createTestIssuer();
  const server = await startTestSubgraph(
    createServer({
      db,
      config: testSubgraphConfig(),
      verifyToken: issuer.verifyToken,
      logger: createLogger({ service: 'orders', level: 'silent' }),
    }),
  );
  const tokens = {
    demo: await issuer.sign({ sub: 'usr_0001', roles: [Roles.customer] }),
    other: await issuer.sign({ sub: 'usr_0003', roles: [Roles.customer] }),
    admin: await issuer.sign({ sub: 'usr_0002', roles: [Roles.customer, Roles.admin] }),
  };
  const stop = async () => {
    try {
      await server.stop();
      await db.dropDatabase();
    } finally {
      await client.close();
    }
  };
  return {
    db,
    client,
    server,
    commands,
    tokens,
    queriesOn: (collection) =>
      commands.filter(
        (c) =>
          c.databaseName === db.databaseName &&
          (c.commandName === 'find' || c.commandName === 'aggregate') &&
          c.command[c.commandName] === collection,
      ),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
