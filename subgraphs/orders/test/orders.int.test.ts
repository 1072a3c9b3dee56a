import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndexes } from '@tessera/subgraph-kit';
import { graphqlRequest, uniqueName } from '@tessera/testing';
import { ordersIndexes } from '../src/indexes.js';
import { seed } from '../src/seed.js';
import { seedOrders } from '../src/seed-data.js';
import { extraOrders, startOrdersFixture, type OrdersFixture } from './orders-fixture.js';

const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id
      status
      createdAt
      customer {
        id
      }
      lines {
        product {
          id
        }
        quantity
        unitPrice {
          amount
          currency
        }
      }
      total {
        amount
        currency
      }
    }
  }
`;

const ALL_ORDERS = /* GraphQL */ `
  query AllOrders($first: Int, $after: String, $status: OrderStatus) {
    orders(first: $first, after: $after, status: $status) {
      edges {
        node {
          id
          status
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
    }
  }
`;

interface OrderData {
  order: {
    id: string;
    status: string;
    createdAt: string;
    customer: { id: string } | null;
    lines: { product: { id: string }; quantity: number; unitPrice: { amount: number } }[];
    total: { amount: number; currency: string };
  } | null;
}

interface AllOrdersData {
  orders: {
    edges: { node: { id: string; status: string; createdAt: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  };
}

let fixture: OrdersFixture;

beforeAll(async () => {
  fixture = await startOrdersFixture();
});

afterAll(async () => {
  await fixture?.stop();
});

function order(id: string, token?: string) {
  return graphqlRequest<OrderData>(fixture.server.url, ORDER, { id }, token);
}

function allOrders(variables: Record<string, unknown>, token = fixture.tokens.admin) {
  return graphqlRequest<AllOrdersData>(fixture.server.url, ALL_ORDERS, variables, token);
}

describe('order(id)', () => {
  it("returns the customer's own order with its lines, unit prices, total and customer", async () => {
    const { body } = await order('ord_0001', fixture.tokens.demo);
    expect(body.errors).toBeUndefined();
    expect(body.data?.order).toEqual({
      id: 'ord_0001',
      status: 'CONFIRMED',
      createdAt: seedOrders()[0]?.createdAt.toISOString(),
      customer: { id: 'usr_0001' },
      lines: [
        { product: { id: 'prod_0001' }, quantity: 2, unitPrice: { amount: 3499, currency: 'USD' } },
        { product: { id: 'prod_0007' }, quantity: 3, unitPrice: { amount: 799, currency: 'USD' } },
      ],
      total: { amount: 2 * 3499 + 3 * 799, currency: 'USD' },
    });
  });

  it("provides each line's product name as it was at purchase time (@provides), with no catalog call", async () => {
    const { body } = await graphqlRequest<{ order: { lines: { product: unknown }[] } }>(
      fixture.server.url,
      'query ($id: ID!) { order(id: $id) { lines { product { id name } } } }',
      { id: 'ord_0001' },
      fixture.tokens.demo,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.order.lines.map((l) => l.product)).toEqual([
      { id: 'prod_0001', name: 'Classic Novel' },
      { id: 'prod_0007', name: 'Classic Notebook' },
    ]);
  });

  it("gives another customer's order as null with FORBIDDEN", async () => {
    const { body } = await order('ord_0001', fixture.tokens.other);
    expect(body.data).toEqual({ order: null });
    expect(body.errors?.[0]).toMatchObject({ path: ['order'], extensions: { code: 'FORBIDDEN' } });
  });

  it("lets an admin read any customer's order", async () => {
    const { body } = await order('ord_0009', fixture.tokens.admin);
    expect(body.errors).toBeUndefined();
    expect(body.data?.order).toMatchObject({ id: 'ord_0009', customer: { id: 'usr_0003' } });
  });

  it('answers an anonymous caller with null and UNAUTHENTICATED', async () => {
    const { body } = await order('ord_0001');
    expect(body.data).toEqual({ order: null });
    expect(body.errors?.[0]).toMatchObject({
      path: ['order'],
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('answers an unknown id with null and NOT_FOUND', async () => {
    const { body } = await order('ord_9999', fixture.tokens.admin);
    expect(body.data).toEqual({ order: null });
    expect(body.errors?.[0]).toMatchObject({ path: ['order'], extensions: { code: 'NOT_FOUND' } });
  });
});

describe('cancelOrder', () => {
  it('refuses an order that has no saga (placed before checkout existed) with BAD_USER_INPUT', async () => {
    const { body } = await graphqlRequest(
      fixture.server.url,
      'mutation ($id: ID!) { cancelOrder(id: $id) { order { id } } }',
      { id: 'ord_x0001' },
      fixture.tokens.admin,
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(body.errors?.[0]?.message).toContain('no saga');
  });
});

describe('orders (admin list)', () => {
  it('lists only the status asked for, newest first', async () => {
    const { body } = await allOrders({ first: 100, status: 'CANCELLED' });
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.orders.edges.map((e) => e.node) ?? [];
    const cancelled = seedOrders().filter((o) => o.status === 'CANCELLED');
    expect(nodes.map((n) => n.id).sort()).toEqual(cancelled.map((o) => o._id).sort());
    const times = nodes.map((n) => n.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('walks every order exactly once in pages of 25', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await allOrders({ first: 25, ...(after === null ? {} : { after }) });
      expect(body.errors).toBeUndefined();
      const page = body.data?.orders;
      if (!page) throw new Error('no page');
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const expected = seedOrders().length + extraOrders().length;
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
  });

  it('refuses a customer with FORBIDDEN', async () => {
    const { body } = await allOrders({ first: 5 }, fixture.tokens.demo);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('rejects first: 1000 with BAD_USER_INPUT naming first', async () => {
    const { body } = await allOrders({ first: 1000 });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('orders seed', () => {
  it('is idempotent: running it twice gives the same count and documents', async () => {
    const target = fixture.client.db(uniqueName('orders_seed'));
    try {
      await ensureIndexes(target, ordersIndexes);
      const first = await seed(target);
      const snapshot = await target.collection('orders').find({}).sort({ _id: 1 }).toArray();
      const second = await seed(target);
      expect(first).toEqual({ orders: seedOrders().length });
      expect(second).toEqual(first);
      expect(await target.collection('orders').find({}).sort({ _id: 1 }).toArray()).toEqual(
        snapshot,
      );
    } finally {
      await target.dropDatabase();
    }
  });
});
