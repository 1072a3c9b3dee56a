import { z } from 'zod';

/** Longest accepted `search` text: keeps the regex scan and its pattern bounded. */
export const MAX_SEARCH_LENGTH = 100;

const moneyInput = z.object({
  // Integer minor units only: a float amount is a client bug, never rounded silently.
  amount: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
});

const name = z.string().trim().min(1).max(200);
const description = z.string().trim().max(5000);
const categoryId = z.string().min(1).max(100);
const weight = z.number().int().min(0).max(1_000_000);

export const createProductInput = z.object({
  name,
  description,
  price: moneyInput,
  categoryId,
  weight,
});

// GraphQL passes null for a field the client sent as null; both mean "leave it as it is".
export const updateProductInput = z.object({
  name: name.nullish(),
  description: description.nullish(),
  price: moneyInput.nullish(),
  categoryId: categoryId.nullish(),
  weight: weight.nullish(),
});

export const productsFilter = z.object({
  search: z.string().trim().max(MAX_SEARCH_LENGTH).nullish(),
  categoryId: categoryId.nullish(),
});
