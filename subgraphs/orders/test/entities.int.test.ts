import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@tessera/testing';
import { seedOrders } from '../src/seed-data.js';
import {
  BUSY_CUSTOMER_ID,
  BUSY_CUSTOMER_ORDERS,
  extraOrders,
  ONE_ORDER_CUSTOMERS,
  startOrdersFixture,
  type OrdersFixture,
} from './orders-fixture.js';

const USER_ORDERS = /* GraphQL */ `
  query UserOrders($representations: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $representations) {
      ... on User {
        id
        orders(first: $first, after: $after) {
          edges {
            cursor
            node {
              id
              total {
                amount
              }
            }
          }
          pageInfo {
            hasNextPage
            hasPreviousPage
            endCursor
          }
        }
      }
    }
  }
`;

const ORDER_ENTITIES = /* GraphQL */ `
  query OrderEntities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Order {
        id
        status
        customer {
          id
        }
      }
    }
  }
`;

interface OrdersPage {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

interface UserOrdersData {
  _entities: ({ id: string; orders: OrdersPage } | null)[];
}

interface OrderEntitiesData {
  _entities: ({ id: string; status: string; customer: { id: string } } | null)[];
}

let fixture: OrdersFixture;

beforeAll(async () => {
  fixture = await startOrdersFixture();
});

afterAll(async () => {
  await fixture?.stop();
});

function userOrders(
  userIds: readonly string[],
  variables: Record<string, unknown>,
  token?: string,
) {
  const representations = userIds.map((id) => ({ __typename: 'User', id }));
  return graphqlRequest<UserOrdersData>(
    fixture.server.url,
    USER_ORDERS,
    { representations, ...variables },
    token,
  );
}

function orderEntities(orderIds: readonly string[], token = fixture.tokens.admin) {
  const representations = orderIds.map((id) => ({ __typename: 'Order', id }));
  return graphqlRequest<OrderEntitiesData>(
    fixture.server.url,
    ORDER_ENTITIES,
    { representations },
    token,
  );
}

describe('User.orders', () => {
  it("pages through the user's own orders newest first, with no overlap", async () => {
    const expected = seedOrders()
      .filter((o) => o.customerId === 'usr_0001')
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((o) => o._id);
    const pages: OrdersPage[] = [];
    let after: string | null = null;
    do {
      const { body } = await userOrders(
        ['usr_0001'],
        { first: 3, ...(after === null ? {} : { after }) },
        fixture.tokens.demo,
      );
      expect(body.errors).toBeUndefined();
      const page = body.data?._entities[0]?.orders;
      if (!page) throw new Error('no page');
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    expect(pages.map((p) => p.edges.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([false, true, true]);
    expect(pages.flatMap((p) => p.edges.map((e) => e.node.id))).toEqual(expected);
    expect(pages[0]?.pageInfo.endCursor).toBe(pages[0]?.edges[2]?.cursor);
  });

  it('gives 10 orders when first is null, as when it is omitted', async () => {
    const explicitNull = await userOrders(
      [BUSY_CUSTOMER_ID],
      { first: null },
      fixture.tokens.admin,
    );
    const omitted = await userOrders([BUSY_CUSTOMER_ID], {}, fixture.tokens.admin);
    expect(BUSY_CUSTOMER_ORDERS).toBeGreaterThan(10);
    expect(explicitNull.body.data?._entities[0]?.orders.edges).toHaveLength(10);
    expect(omitted.body.data).toEqual(explicitNull.body.data);
  });

  it("refuses another customer's orders with FORBIDDEN", async () => {
    const { body } = await userOrders(['usr_0001'], { first: 3 }, fixture.tokens.other);
    expect(body.data?._entities).toEqual([null]);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it("lets an admin read another user's orders", async () => {
    const { body } = await userOrders(['usr_0003'], { first: 10 }, fixture.tokens.admin);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities[0]?.orders.edges.map((e) => e.node.id).sort()).toEqual([
      'ord_0009',
      'ord_0010',
    ]);
  });

  it('answers an anonymous caller with UNAUTHENTICATED', async () => {
    const { body } = await userOrders(['usr_0001'], { first: 3 });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects first: 101 with BAD_USER_INPUT naming first', async () => {
    const { body } = await userOrders(['usr_0001'], { first: 101 }, fixture.tokens.demo);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('rejects a garbage after with BAD_USER_INPUT naming after', async () => {
    const { body } = await userOrders(['usr_0001'], { after: 'garbage!' }, fixture.tokens.demo);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('Order entities', () => {
  it('resolves Order references in key order, null for unknown ids', async () => {
    const { body } = await orderEntities(['ord_0009', 'ord_0001', 'ord_9999', 'ord_0009']);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      { id: 'ord_0009', status: 'CONFIRMED', customer: { id: 'usr_0003' } },
      { id: 'ord_0001', status: 'CONFIRMED', customer: { id: 'usr_0001' } },
      null,
      { id: 'ord_0009', status: 'CONFIRMED', customer: { id: 'usr_0003' } },
    ]);
  });

  it("resolves a reference to another customer's order as null with FORBIDDEN", async () => {
    const { body } = await orderEntities(['ord_0001', 'ord_0009'], fixture.tokens.other);
    expect(body.data?._entities).toEqual([
      null,
      { id: 'ord_0009', status: 'CONFIRMED', customer: { id: 'usr_0003' } },
    ]);
    expect(body.errors?.[0]).toMatchObject({
      path: ['_entities', 0],
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

describe('batching', () => {
  const oneOrderIds = extraOrders()
    .slice(0, ONE_ORDER_CUSTOMERS)
    .map((o) => ({ orderId: o._id, customerId: o.customerId }));

  async function ordersQueriesFor(request: () => Promise<{ body: { errors?: unknown } }>) {
    fixture.commands.length = 0;
    const { body } = await request();
    expect(body.errors).toBeUndefined();
    return fixture.queriesOn('orders').map((c) => c.commandName);
  }

  it('costs one orders query for 10 Order references, and the same for 50', async () => {
    const ids = oneOrderIds.map((o) => o.orderId);
    const ten = await ordersQueriesFor(() => orderEntities(ids.slice(0, 10)));
    const fifty = await ordersQueriesFor(() => orderEntities(ids.slice(0, 50)));
    expect(ten).toEqual(['find']);
    expect(fifty).toEqual(ten);
  });

  it('costs one orders query for the order pages of 10 users, and the same for 50', async () => {
    const users = oneOrderIds.map((o) => o.customerId);
    const page = (ids: string[]) => () => userOrders(ids, { first: 2 }, fixture.tokens.admin);
    const ten = await ordersQueriesFor(page(users.slice(0, 10)));
    const fifty = await ordersQueriesFor(page(users.slice(0, 50)));
    expect(ten).toEqual(['aggregate']);
    expect(fifty).toEqual(ten);
  });

  it("gives every user of a batch their own orders and nobody else's", async () => {
    const { body } = await userOrders(
      ['usr_0003', BUSY_CUSTOMER_ID, 'usr_0001', 'usr_nobody'],
      { first: 2 },
      fixture.tokens.admin,
    );
    expect(body.errors).toBeUndefined();
    const byUser = body.data?._entities.map((user) => ({
      id: user?.id,
      orders: user?.orders.edges.map((e) => e.node.id),
      hasNextPage: user?.orders.pageInfo.hasNextPage,
    }));
    expect(byUser).toEqual([
      { id: 'usr_0003', orders: ['ord_0010', 'ord_0009'], hasNextPage: false },
      { id: BUSY_CUSTOMER_ID, orders: ['ord_y0012', 'ord_y0011'], hasNextPage: true },
      { id: 'usr_0001', orders: ['ord_0007', 'ord_0006'], hasNextPage: true },
      { id: 'usr_nobody', orders: [], hasNextPage: false },
    ]);
  });
});
