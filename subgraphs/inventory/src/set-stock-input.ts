import { z } from 'zod';
import { parseInput } from '@tessera/subgraph-kit';

/** The largest stock a single product may hold: well inside GraphQL's 32-bit `Int`. */
export const MAX_STOCK_QUANTITY = 1_000_000_000;

const setStockInput = z.object({
  productId: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  quantity: z
    .number()
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(MAX_STOCK_QUANTITY, `must be at most ${MAX_STOCK_QUANTITY}`),
});

export type SetStockInput = z.output<typeof setStockInput>;

/**
 * Validates the arguments of `setStock`.
 * @throws BadUserInputError naming the first invalid argument (`productId` or `quantity`)
 */
export function parseSetStockInput(args: unknown): SetStockInput {
  return parseInput(setStockInput, args);
}
