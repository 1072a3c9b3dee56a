import { createHash, randomBytes } from 'node:crypto';
import { MongoServerError, type Db } from 'mongodb';
import { appendToOutbox, type MessageContext } from '@tessera/events';
import { BadUserInputError } from '@tessera/errors';
import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { PlaceOrderInput } from '../place-order-input.js';
import {
  ordersCollection,
  type OrderDocument,
  type OrderLineDocument,
} from '../repositories/orders.js';
import { startSaga } from './advance-saga.js';
import { sagaMessages } from './saga-messages.js';

export interface PlaceOrderDeps {
  readonly db: Db;
  readonly catalog: ProductCatalog;
  readonly stepTimeoutMs: number;
  /** @defaultValue `() => new Date()` */
  readonly now?: () => Date;
}

const DUPLICATE_KEY = 11_000;

/** What makes two placements "the same order": the lines and the payment token. */
function requestHashOf(input: PlaceOrderInput): string {
  const canonical = JSON.stringify({
    lines: input.lines.map((l) => [l.productId, l.quantity]),
    paymentToken: input.paymentToken,
  });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** Time-ordered and unguessable: `ord_` + base-36 milliseconds + 12 random hex digits. */
function newOrderId(now: Date): string {
  return `ord_${now.getTime().toString(36)}${randomBytes(6).toString('hex')}`;
}

/** The order a key already placed, if the request matches it; BAD_USER_INPUT if it does not. */
function replay(existing: OrderDocument, requestHash: string): OrderDocument {
  if (existing.requestHash !== requestHash) {
    throw new BadUserInputError(
      'input.idempotencyKey: this key already placed a different order; use a new key for a new order.',
      'input.idempotencyKey',
    );
  }
  return existing;
}

/**
 * Places an order: validates it against catalog (every product exists, one currency), then
 * writes the PENDING order, its saga and the saga's first command in one transaction. Returns at
 * once; the saga runs on the queues. The same idempotency key from the same customer returns
 * the order it placed, also when two placements race (the unique index decides).
 * @throws BadUserInputError before anything is written, naming the field at fault
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  customerId: string,
  input: PlaceOrderInput,
  context: MessageContext,
): Promise<OrderDocument> {
  const orders = ordersCollection(deps.db);
  const requestHash = requestHashOf(input);
  const key = { customerId, idempotencyKey: input.idempotencyKey };
  const existing = await orders.findOne(key);
  if (existing) return replay(existing, requestHash);

  const products = await deps.catalog.findProducts(input.lines.map((l) => l.productId));
  const lines: OrderLineDocument[] = input.lines.map((line, index) => {
    const product = products.get(line.productId);
    if (!product) {
      throw new BadUserInputError(
        `input.lines.${String(index)}.productId: no product exists with id ${line.productId}.`,
        `input.lines.${String(index)}.productId`,
      );
    }
    return {
      productId: product.id,
      productName: product.name,
      quantity: line.quantity,
      unitPrice: { amount: product.price.amount, currency: product.price.currency },
    };
  });
  const currency = lines[0]?.unitPrice.currency ?? 'USD';
  const otherCurrency = lines.findIndex((l) => l.unitPrice.currency !== currency);
  if (otherCurrency >= 0) {
    throw new BadUserInputError(
      `input.lines.${String(otherCurrency)}.productId: is priced in another currency than the first line; place one order per currency.`,
      `input.lines.${String(otherCurrency)}.productId`,
    );
  }

  const now = (deps.now ?? (() => new Date()))();
  const base = {
    _id: newOrderId(now),
    customerId,
    lines,
    total: { amount: lines.reduce((sum, l) => sum + l.unitPrice.amount * l.quantity, 0), currency },
  };
  const { saga, commands } = startSaga(base, input.paymentToken, {
    now,
    stepTimeoutMs: deps.stepTimeoutMs,
  });
  const order: OrderDocument = {
    ...base,
    status: 'PENDING',
    idempotencyKey: input.idempotencyKey,
    requestHash,
    saga,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };

  const session = deps.db.client.startSession();
  try {
    await session.withTransaction(async () => {
      await orders.insertOne(order, { session });
      await appendToOutbox(session, deps.db, sagaMessages(order._id, 1, commands, context));
    });
    return order;
  } catch (error) {
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
      // A concurrent placement with the same key won the unique index.
      const winner = await orders.findOne(key);
      if (winner) return replay(winner, requestHash);
    }
    throw error;
  } finally {
    await session.endSession();
  }
}
