import { z } from 'zod';

/**
 * The contract of one event or command carried on a BullMQ queue.
 *
 * `npm run schema:check` snapshots `z.toJSONSchema(schema)` into `schema/events/<name>.json` and
 * fails on a breaking change against the base (a field removed or retyped, optional made
 * required, an enum value removed, ...), so a consumer never meets a payload it cannot read.
 * A breaking change must bump `version` and be acknowledged in `schema/CHANGELOG.md`.
 */
export interface EventContract<Schema extends z.ZodType = z.ZodType> {
  /** Payload version, an integer from 1. Bump it with every breaking change to `schema`. */
  readonly version: number;
  /** The payload's schema: producers build it, consumers parse with it. */
  readonly schema: Schema;
}

/** The queues of the order saga: each is consumed by the service it is named after. */
export const SagaQueues = {
  /** Replies of inventory and payments, and step timeouts: consumed by the orders saga. */
  orders: 'orders',
  /** Stock commands: consumed by inventory. */
  inventory: 'inventory',
  /** Payment commands: consumed by payments. */
  payments: 'payments',
} as const;

/**
 * The payment tokens the fake payment provider understands (see payments' README):
 * `tok_ok` authorizes, `tok_decline` is a permanent decline, `tok_flaky` fails transiently twice
 * and then authorizes, `tok_timeout` records the charge and times out on the first call.
 */
export const PAYMENT_TOKENS = ['tok_ok', 'tok_decline', 'tok_flaky', 'tok_timeout'] as const;
export type PaymentToken = (typeof PAYMENT_TOKENS)[number];

const id = z.string().min(1).max(200);
const money = z.object({
  /** Integer minor units, never negative. */
  amount: z.number().int().min(0),
  /** ISO 4217. */
  currency: z.string().regex(/^[A-Z]{3}$/),
});
const stockLine = z.object({ productId: id, quantity: z.number().int().min(1).max(100) });
/** How a step went at the service that ran it, for `Order.saga.steps`. */
const attemptReport = {
  /** Deliveries of the command it took, from 1. */
  attempts: z.number().int().min(1),
  /** The last transient failure before the outcome, if any. */
  lastError: z.string().max(1000).nullable(),
};
const orderRef = z.object({ orderId: id, ...attemptReport });
const reason = z.string().min(1).max(200);

/**
 * Every event and command, by name (`<aggregate>.<past-tense verb>` for events,
 * `<aggregate>.<verb>-requested` for commands).
 */
export const eventContracts = {
  // orders → inventory
  'stock.reserve-requested': {
    version: 1,
    schema: z.object({ orderId: id, lines: z.array(stockLine).min(1).max(100) }),
  },
  'stock.release-requested': { version: 1, schema: z.object({ orderId: id }) },
  'stock.commit-requested': { version: 1, schema: z.object({ orderId: id }) },
  // inventory → orders
  'stock.reserved': { version: 1, schema: orderRef },
  'stock.reservation-failed': {
    version: 1,
    schema: orderRef.extend({ reason, productId: id.nullable() }),
  },
  'stock.released': { version: 1, schema: orderRef },
  'stock.committed': { version: 1, schema: orderRef },
  // orders → payments
  'payment.authorize-requested': {
    version: 1,
    schema: z.object({
      orderId: id,
      customerId: id,
      amount: money,
      paymentToken: z.enum(PAYMENT_TOKENS),
    }),
  },
  'payment.capture-requested': { version: 1, schema: z.object({ orderId: id }) },
  'payment.void-requested': { version: 1, schema: z.object({ orderId: id }) },
  // payments → orders
  'payment.authorized': { version: 1, schema: orderRef.extend({ paymentId: id }) },
  'payment.declined': { version: 1, schema: orderRef.extend({ reason }) },
  'payment.captured': { version: 1, schema: orderRef },
  'payment.voided': { version: 1, schema: orderRef },
  // orders → orders: a delayed message that fires when a step outlives its timeout
  'saga.step-timed-out': {
    version: 1,
    schema: z.object({ orderId: id, step: z.string().min(1), stepSeq: z.number().int().min(0) }),
  },
} as const satisfies Readonly<Record<string, EventContract>>;

/** The name of a registered event. */
export type EventName = keyof typeof eventContracts;

/** The parsed payload of a registered event. */
export type EventPayload<N extends EventName> = z.output<(typeof eventContracts)[N]['schema']>;
