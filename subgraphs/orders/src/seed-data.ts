import type {
  MoneyValue,
  OrderDocument,
  OrderLineDocument,
  OrderStatus,
} from './repositories/orders.js';

/** accounts' seeded users these orders belong to (`@tessera/accounts/seed`). */
export const SEED_DEMO_USER_ID = 'usr_0001';
export const SEED_ADMIN_USER_ID = 'usr_0002';

/** Every seeded price is in catalog's seed currency. */
export const SEED_CURRENCY = 'USD';

/**
 * The catalog products the seeded orders buy, with catalog's seeded name and price (cents).
 * Mirrored rather than imported, because orders is deployed without catalog's code; a unit test
 * holds them equal to `@tessera/catalog/seed`.
 */
const PRODUCTS = {
  prod_0001: ['Classic Novel', 3499],
  prod_0003: ['Classic Tent', 29399],
  prod_0004: ['Classic Headphones', 46499],
  prod_0007: ['Classic Notebook', 799],
  prod_0008: ['Classic Yoga Mat', 3399],
  prod_0010: ['Classic Grinder', 15599],
  prod_0011: ['Compact Cookbook', 2999],
  prod_0015: ['Compact Kite', 2599],
  prod_0017: ['Compact Desk Lamp', 13799],
  prod_0018: ['Compact Kettlebell', 6999],
  prod_0021: ['Deluxe Atlas', 2699],
  prod_0022: ['Deluxe Kettle', 9899],
  prod_0024: ['Deluxe Turntable', 18699],
  prod_0028: ['Deluxe Jump Rope', 7499],
  prod_0031: ['Everyday Anthology', 3699],
  prod_0034: ['Everyday Microphone', 31599],
  prod_0035: ['Everyday Board Game', 699],
  prod_0040: ['Everyday Bean Sampler', 19599],
} as const satisfies Record<string, readonly [string, number]>;

type SeedProductId = keyof typeof PRODUCTS;

interface OrderSpec {
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly cancellationReason?: string;
  /** Days after the seed epoch. */
  readonly day: number;
  readonly lines: readonly (readonly [SeedProductId, number])[];
}

/**
 * The demo customer has orders in every status (enough for three pages of `first: 3`); the admin
 * and three other customers have a few, so access rules have someone else's order to refuse.
 */
const ORDER_SPECS: readonly OrderSpec[] = [
  {
    customerId: SEED_DEMO_USER_ID,
    status: 'CONFIRMED',
    day: 0,
    lines: [
      ['prod_0001', 2],
      ['prod_0007', 3],
    ],
  },
  { customerId: SEED_DEMO_USER_ID, status: 'CONFIRMED', day: 3, lines: [['prod_0003', 1]] },
  {
    customerId: SEED_DEMO_USER_ID,
    status: 'CANCELLED',
    cancellationReason: 'PAYMENT_DECLINED',
    day: 7,
    lines: [['prod_0004', 1]],
  },
  {
    customerId: SEED_DEMO_USER_ID,
    status: 'CONFIRMED',
    day: 12,
    lines: [
      ['prod_0010', 1],
      ['prod_0040', 2],
    ],
  },
  {
    customerId: SEED_DEMO_USER_ID,
    status: 'CANCELLED',
    cancellationReason: 'CANCELLED_BY_CUSTOMER',
    day: 18,
    lines: [['prod_0015', 4]],
  },
  {
    customerId: SEED_DEMO_USER_ID,
    status: 'CONFIRMED',
    day: 25,
    lines: [
      ['prod_0008', 1],
      ['prod_0018', 1],
      ['prod_0028', 1],
    ],
  },
  { customerId: SEED_DEMO_USER_ID, status: 'PENDING', day: 30, lines: [['prod_0022', 1]] },
  { customerId: SEED_ADMIN_USER_ID, status: 'CONFIRMED', day: 5, lines: [['prod_0017', 1]] },
  {
    customerId: 'usr_0003',
    status: 'CONFIRMED',
    day: 2,
    lines: [
      ['prod_0011', 1],
      ['prod_0021', 1],
      ['prod_0031', 1],
    ],
  },
  {
    customerId: 'usr_0003',
    status: 'CANCELLED',
    cancellationReason: 'PAYMENT_DECLINED',
    day: 9,
    lines: [['prod_0034', 1]],
  },
  { customerId: 'usr_0004', status: 'CONFIRMED', day: 14, lines: [['prod_0035', 2]] },
  { customerId: 'usr_0005', status: 'PENDING', day: 31, lines: [['prod_0024', 1]] },
];

export const SEED_ORDER_COUNT = ORDER_SPECS.length;
const SEED_EPOCH = Date.UTC(2026, 1, 1, 9);
const DAY_MS = 86_400_000;

/** `ord_0001` … `ord_0012`: stable, so payments' seed can refer to them. */
export function seedOrderId(index: number): string {
  return `ord_${String(index + 1).padStart(4, '0')}`;
}

/**
 * The seeded orders. Everything derives from the specs, so every run writes identical documents
 * and reseeding changes nothing. Totals are the sums of their lines, in integer cents.
 */
export function seedOrders(): OrderDocument[] {
  return ORDER_SPECS.map((spec, index) => {
    const lines = spec.lines.map(([productId, quantity]): OrderLineDocument => {
      const [productName, cents] = PRODUCTS[productId];
      return { productId, productName, quantity, unitPrice: usd(cents) };
    });
    // Minutes apart within a day, so no two seeded orders share a timestamp.
    const createdAt = new Date(SEED_EPOCH + spec.day * DAY_MS + index * 60_000);
    return {
      _id: seedOrderId(index),
      customerId: spec.customerId,
      status: spec.status,
      lines,
      total: usd(lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0)),
      idempotencyKey: `seed-${seedOrderId(index)}`,
      ...(spec.cancellationReason === undefined
        ? {}
        : { cancellationReason: spec.cancellationReason }),
      createdAt,
      updatedAt: createdAt,
    };
  });
}

function usd(amount: number): MoneyValue {
  return { amount, currency: SEED_CURRENCY };
}
