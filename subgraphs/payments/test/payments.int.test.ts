import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Roles } from '@tessera/auth';
import { createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import {
  createTestIssuer,
  graphqlRequest,
  startTestSubgraph,
  testMongoUri,
  uniqueName,
  type RunningTestServer,
  testSubgraphConfig,
} from '@tessera/testing';
import { paymentsIndexes } from '../src/indexes.js';
import { paymentsCollection, type PaymentDocument } from '../src/repositories/payments.js';
import { seed } from '../src/seed.js';
import { seedPayments } from '../src/seed-data.js';
import { createServer } from '../src/server.js';

const ORDER_PAYMENTS = /* GraphQL */ `
  query OrderPayments($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Order {
        id
        payment {
          id
          status
          amount {
            amount
            currency
          }
          method
          createdAt
        }
      }
    }
  }
`;

interface PaymentView {
  id: string;
  status: string;
  amount: { amount: number; currency: string };
  method: string;
  createdAt: string;
}

interface OrderPaymentsData {
  _entities: ({ id: string; payment: PaymentView | null } | null)[];
}

/** Orders with one payment each, to batch 50 orders in one request. */
const EXTRA_PAYMENTS = 50;

let client: MongoClient;
let db: Db;
let server: RunningTestServer;
const commands: CommandStartedEvent[] = [];
let tokens: { demo: string; other: string; admin: string };

function extraPayments(): PaymentDocument[] {
  return Array.from({ length: EXTRA_PAYMENTS }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    const createdAt = new Date(Date.UTC(2026, 3, 1) + i * 60_000);
    return {
      _id: `pay_x${n}`,
      orderId: `ord_x${n}`,
      customerId: `usr_x${n}`,
      status: 'AUTHORIZED',
      amount: { amount: 799, currency: 'USD' },
      method: 'card •••• 4242',
      createdAt,
      updatedAt: createdAt,
    };
  });
}

beforeAll(async () => {
  // Command monitoring lets the tests count the queries each request makes.
  client = new MongoClient(testMongoUri(), { monitorCommands: true });
  client.on('commandStarted', (event) => commands.push(event));
  await client.connect();
  db = client.db(uniqueName('payments'));
  await ensureIndexes(db, paymentsIndexes);
  await seed(db);
  await paymentsCollection(db).insertMany(extraPayments());
  const issuer = await createTestIssuer();
  server = await startTestSubgraph(
    createServer({
      db,
      config: testSubgraphConfig(),
      verifyToken: issuer.verifyToken,
      logger: createLogger({ service: 'payments', level: 'silent' }),
    }),
  );
  tokens = {
    demo: await issuer.sign({ sub: 'usr_0001', roles: [Roles.customer] }),
    other: await issuer.sign({ sub: 'usr_0003', roles: [Roles.customer] }),
    admin: await issuer.sign({ sub: 'usr_0002', roles: [Roles.customer, Roles.admin] }),
  };
});

afterAll(async () => {
  await server?.stop();
  await db?.dropDatabase();
  await client?.close();
});

function orderPayments(orderIds: readonly string[], token?: string) {
  const representations = orderIds.map((id) => ({ __typename: 'Order', id }));
  return graphqlRequest<OrderPaymentsData>(server.url, ORDER_PAYMENTS, { representations }, token);
}

function paymentsQueries(): string[] {
  return commands
    .filter(
      (c) =>
        c.databaseName === db.databaseName &&
        (c.commandName === 'find' || c.commandName === 'aggregate') &&
        c.command[c.commandName] === 'payments',
    )
    .map((c) => c.commandName);
}

describe('Order.payment', () => {
  it("shows the customer their own order's payment", async () => {
    const { body } = await orderPayments(['ord_0001'], tokens.demo);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      {
        id: 'ord_0001',
        payment: {
          id: 'pay_0001',
          status: 'CAPTURED',
          amount: { amount: 9395, currency: 'USD' },
          method: 'card •••• 4242',
          createdAt: '2026-02-01T09:00:30.000Z',
        },
      },
    ]);
  });

  it("gives another customer's payment as null with FORBIDDEN", async () => {
    const { body } = await orderPayments(['ord_0001'], tokens.other);
    expect(body.data?._entities).toEqual([{ id: 'ord_0001', payment: null }]);
    expect(body.errors?.[0]).toMatchObject({
      path: ['_entities', 0, 'payment'],
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it("lets an admin read any customer's payment", async () => {
    const { body } = await orderPayments(['ord_0010'], tokens.admin);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities[0]?.payment).toMatchObject({ id: 'pay_0010', status: 'DECLINED' });
  });

  it('answers an anonymous caller with null and UNAUTHENTICATED, even for an unpaid order', async () => {
    const { body } = await orderPayments(['ord_0001', 'ord_0012']);
    expect(body.data?._entities).toEqual([
      { id: 'ord_0001', payment: null },
      { id: 'ord_0012', payment: null },
    ]);
    expect(body.errors?.map((e) => e.extensions?.['code'])).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);
  });

  it('is null without an error for an order that has no payment yet', async () => {
    const { body } = await orderPayments(['ord_0012'], tokens.admin);
    expect(body).toEqual({ data: { _entities: [{ id: 'ord_0012', payment: null }] } });
  });

  it('costs one payments query for 10 orders, and the same for 50', async () => {
    const orderIds = extraPayments().map((p) => p.orderId);
    commands.length = 0;
    const ten = await orderPayments(orderIds.slice(0, 10), tokens.admin);
    const tenQueries = paymentsQueries();
    commands.length = 0;
    const fifty = await orderPayments(orderIds.slice(0, 50), tokens.admin);
    expect(ten.body.errors).toBeUndefined();
    expect(fifty.body.data?._entities.map((e) => e?.payment?.id)).toEqual(
      extraPayments().map((p) => p._id),
    );
    expect(tenQueries).toEqual(['find']);
    expect(paymentsQueries()).toEqual(tenQueries);
  });
});

describe('Payment entities', () => {
  const PAYMENT_ENTITIES = /* GraphQL */ `
    query PaymentEntities($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Payment {
          id
          status
        }
      }
    }
  `;

  function paymentEntities(ids: readonly string[], token?: string) {
    const representations = ids.map((id) => ({ __typename: 'Payment', id }));
    return graphqlRequest<{ _entities: ({ id: string; status: string } | null)[] }>(
      server.url,
      PAYMENT_ENTITIES,
      { representations },
      token,
    );
  }

  it('resolves references in key order: own payments, null for unknown ids', async () => {
    const { body } = await paymentEntities(['pay_0003', 'pay_9999', 'pay_0001'], tokens.demo);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      { id: 'pay_0003', status: 'DECLINED' },
      null,
      { id: 'pay_0001', status: 'CAPTURED' },
    ]);
  });

  it("resolves another customer's payment as null with FORBIDDEN", async () => {
    const { body } = await paymentEntities(['pay_0009', 'pay_0001'], tokens.other);
    expect(body.data?._entities).toEqual([{ id: 'pay_0009', status: 'CAPTURED' }, null]);
    expect(body.errors?.[0]).toMatchObject({
      path: ['_entities', 1],
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

describe('payments seed', () => {
  it('is idempotent: running it twice gives the same count and documents', async () => {
    const target = client.db(uniqueName('payments_seed'));
    try {
      await ensureIndexes(target, paymentsIndexes);
      const first = await seed(target);
      const snapshot = await target.collection('payments').find({}).sort({ _id: 1 }).toArray();
      const second = await seed(target);
      expect(first).toEqual({ payments: seedPayments().length });
      expect(second).toEqual(first);
      expect(await target.collection('payments').find({}).sort({ _id: 1 }).toArray()).toEqual(
        snapshot,
      );
    } finally {
      await target.dropDatabase();
    }
  });
});
