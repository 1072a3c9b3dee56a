import { z } from 'zod';
import { PAYMENT_TOKENS } from '@tessera/events';

/** The most lines, and the most units of one line, an order may have. */
export const MAX_ORDER_LINES = 100;
export const MAX_LINE_QUANTITY = 100;

const line = z.object({
  productId: z.string().trim().min(1, 'must not be empty').max(200),
  quantity: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_LINE_QUANTITY, `must be at most ${String(MAX_LINE_QUANTITY)}`),
});

/**
 * `placeOrder(input)`, parsed as `{ input }` so that BAD_USER_INPUT names the field as the client
 * wrote it (`input.lines.0.quantity`).
 */
export const placeOrderArgs = z.object({
  input: z.object({
    lines: z
      .array(line)
      .min(1, 'an order needs at least one line')
      .max(MAX_ORDER_LINES, `an order has at most ${String(MAX_ORDER_LINES)} lines`)
      .superRefine((lines, ctx) => {
        const seen = new Set<string>();
        lines.forEach((l, index) => {
          if (seen.has(l.productId)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'productId'],
              message: `${l.productId} is already on another line; order it once with the total quantity`,
            });
          }
          seen.add(l.productId);
        });
      }),
    paymentToken: z.enum(PAYMENT_TOKENS, {
      error: `is not a known payment token (test tokens: ${PAYMENT_TOKENS.join(', ')})`,
    }),
    idempotencyKey: z
      .string()
      .min(8, 'must be at least 8 characters (a UUID is a good key)')
      .max(200, 'must be at most 200 characters'),
  }),
});

export type PlaceOrderInput = z.output<typeof placeOrderArgs>['input'];
