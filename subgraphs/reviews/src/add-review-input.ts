import { z } from 'zod';
import { parseInput } from '@tessera/subgraph-kit';

export const MAX_REVIEW_BODY_LENGTH = 2000;

const addReviewInput = z.object({
  productId: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  rating: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be from 1 to 5')
    .max(5, 'must be from 1 to 5'),
  // Surrounding whitespace is dropped, so a body of spaces counts as empty.
  body: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_REVIEW_BODY_LENGTH, `must be at most ${MAX_REVIEW_BODY_LENGTH} characters`),
});

export type AddReviewInput = z.output<typeof addReviewInput>;

/**
 * Validates the arguments of `addReview`.
 * @throws BadUserInputError naming the first invalid argument (`productId`, `rating` or `body`)
 */
export function parseAddReviewInput(args: unknown): AddReviewInput {
  return parseInput(addReviewInput, args);
}
