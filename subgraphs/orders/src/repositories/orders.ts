import type { Collection, Db, Document, Filter, IndexDescription } from 'mongodb';
import type { SagaDocument, SagaState } from '../saga/saga-document.js';

/** An amount in integer minor units and an ISO 4217 currency code. */
export interface MoneyValue {
  readonly amount: number;
  readonly currency: string;
}

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One line of an order, priced and named as it was when the order was placed. */
export interface OrderLineDocument {
  /** A catalog product id, e.g. `prod_0042`. */
  readonly productId: string;
  /**
   * The product's name at purchase time. Not in the graph yet: exposing it as `Product.name`
   * with `@provides` needs catalog to mark that field `@shareable`.
   */
  readonly productName: string;
  /** At least 1. */
  readonly quantity: number;
  readonly unitPrice: MoneyValue;
}

/** An order as stored in `tessera_orders.orders`. */
export interface OrderDocument {
  /** A stable string id, e.g. `ord_0001`. */
  readonly _id: string;
  /** The accounts user id of whoever placed it. */
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly lines: readonly OrderLineDocument[];
  /** The sum of the lines; all lines share its currency. */
  readonly total: MoneyValue;
  /** The client's key for placing it: unique per customer, so a retried placement finds it. */
  readonly idempotencyKey: string;
  /** Why a `CANCELLED` order was cancelled, e.g. `PAYMENT_DECLINED`. */
  readonly cancellationReason?: string;
  /**
   * A digest of what was asked for (lines and payment token): a retried `placeOrder` with the
   * same key must ask for the same thing. Absent on seeded orders.
   */
  readonly requestHash?: string;
  /** The order saga; absent on seeded orders, which never ran one. */
  readonly saga?: SagaDocument;
  /** Bumped by every saga transition: a write conditional on it detects a concurrent one. */
  readonly version?: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const ORDERS_COLLECTION = 'orders';

/** Every page lists the newest first; `_id` breaks ties between orders of the same instant. */
const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;

export const orderCollectionIndexes: IndexDescription[] = [
  // `User.orders`: one customer's orders in page order, so a page is an index range scan.
  { key: { customerId: 1, ...NEWEST_FIRST }, name: 'orders_customer_created' },
  // Placing an order (the saga issue) looks the key up before writing; unique so that two
  // concurrent placements with the same key cannot both insert.
  {
    key: { customerId: 1, idempotencyKey: 1 },
    name: 'orders_customer_idempotency_key',
    unique: true,
  },
  // The admin list: every order, or one status.
  { key: NEWEST_FIRST, name: 'orders_created' },
  { key: { status: 1, ...NEWEST_FIRST }, name: 'orders_status_created' },
  // The admin `sagas(state)` list.
  { key: { 'saga.state': 1, ...NEWEST_FIRST }, name: 'orders_saga_state_created' },
];

/** Where a page starts: after the order with this `createdAt` and `_id`, in page order. */
export interface OrderPosition {
  readonly createdAt: Date;
  readonly id: string;
}

export interface OrderPageQuery {
  /** Documents to fetch, at least 1; pass `first + 1` to learn whether a next page exists. */
  readonly limit: number;
  readonly customerId?: string;
  readonly status?: OrderStatus;
  readonly sagaState?: SagaState;
  readonly after?: OrderPosition;
}

export interface OrdersRepository {
  /** One query for any number of ids; the order of the result is unspecified. */
  findByIds(ids: readonly string[]): Promise<OrderDocument[]>;
  /** One page, newest first. */
  findPage(query: OrderPageQuery): Promise<OrderDocument[]>;
  /**
   * Several pages with one `aggregate` command (`$unionWith`, one index-backed branch per
   * page), in the order of `queries`: what the per-customer loader batches into.
   */
  findPages(queries: readonly OrderPageQuery[]): Promise<OrderDocument[][]>;
}

/** Tags each document of a batched page with its page's index; stripped before returning. */
const PAGE_FIELD = '_page';

export function ordersCollection(db: Db): Collection<OrderDocument> {
  return db.collection<OrderDocument>(ORDERS_COLLECTION);
}

export function createOrdersRepository(db: Db): OrdersRepository {
  const orders = ordersCollection(db);
  return {
    findByIds: (ids) => orders.find({ _id: { $in: [...ids] } }).toArray(),
    findPage: (query) =>
      orders.find(pageFilter(query)).sort(NEWEST_FIRST).limit(query.limit).toArray(),
    findPages: async (queries) => {
      const [head, ...rest] = queries.map((query, index): Document[] => [
        { $match: pageFilter(query) },
        { $sort: NEWEST_FIRST },
        { $limit: query.limit },
        { $addFields: { [PAGE_FIELD]: index } },
      ]);
      if (head === undefined) return [];
      const pipeline = [
        ...head,
        ...rest.map((branch) => ({ $unionWith: { coll: ORDERS_COLLECTION, pipeline: branch } })),
      ];
      const pages = queries.map((): OrderDocument[] => []);
      const tagged = orders.aggregate<OrderDocument & { [PAGE_FIELD]: number }>(pipeline);
      for await (const { [PAGE_FIELD]: page, ...order } of tagged) pages[page]?.push(order);
      return pages;
    },
  };
}

function pageFilter({
  customerId,
  status,
  sagaState,
  after,
}: OrderPageQuery): Filter<OrderDocument> {
  return {
    ...(customerId === undefined ? {} : { customerId }),
    ...(status === undefined ? {} : { status }),
    ...(sagaState === undefined ? {} : { 'saga.state': sagaState }),
    ...(after === undefined
      ? {}
      : {
          $or: [
            { createdAt: { $lt: after.createdAt } },
            { createdAt: after.createdAt, _id: { $lt: after.id } },
          ],
        }),
  };
}
