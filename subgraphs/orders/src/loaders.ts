import DataLoader from 'dataloader';
import type { Db } from 'mongodb';
import { inKeyOrder } from '@tessera/subgraph-kit';
import type { ProductCatalog } from './catalog/product-catalog.js';
import {
  createOrdersRepository,
  type OrderDocument,
  type OrderPosition,
} from './repositories/orders.js';

/** One page of one customer's orders, newest first. */
export interface CustomerOrdersPageKey {
  readonly customerId: string;
  /** Documents to fetch: `first + 1`. */
  readonly limit: number;
  readonly after?: OrderPosition;
}

/** Process-wide services, built once by `createServer`. */
export interface OrdersServices {
  /** Prices the lines of a new order. */
  readonly catalog: ProductCatalog;
  /** How long a saga step may take before it is compensated. */
  readonly sagaStepTimeoutMs: number;
  /** Called after a write to the outbox commits, to publish it without waiting for a poll. */
  readonly outboxWritten: () => void;
  /** The clock of new orders and saga transitions. */
  readonly now: () => Date;
}

/** The DataLoader set of one request: never shared between callers. */
export interface OrdersLoaders {
  /**
   * The process-wide services. They ride along here because the kit's context carries only
   * the loaders; they are the same object for every request.
   */
  readonly services: OrdersServices;
  /** Orders by id, one query per batch; `null` for an unknown id. */
  readonly orderById: DataLoader<string, OrderDocument | null>;
  /**
   * Pages of customers' orders (`User.orders`): every page a query-plan fetch asks for, for any
   * number of users, comes from one `aggregate` command.
   */
  readonly customerOrdersPage: DataLoader<CustomerOrdersPageKey, OrderDocument[], string>;
}

export function createLoaders({
  db,
  services,
}: {
  readonly db: Db;
  readonly services: OrdersServices;
}): OrdersLoaders {
  const orders = createOrdersRepository(db);
  return {
    services,
    orderById: new DataLoader(async (ids) =>
      inKeyOrder(ids, await orders.findByIds(ids), (order) => order._id),
    ),
    customerOrdersPage: new DataLoader((keys) => orders.findPages(keys), {
      // Keys are objects: the same page asked for twice (aliases) is one query and one result.
      cacheKeyFn: ({ customerId, limit, after }) =>
        JSON.stringify([customerId, limit, after?.createdAt.toISOString(), after?.id]),
    }),
  };
}
