/** An amount in integer minor units and an ISO 4217 currency code (the graph's `Money`). */
export interface MoneyValue {
  readonly amount: number;
  readonly currency: string;
}

/**
 * The flat parcel tariff shipping estimates use until a carrier integration replaces it: a base
 * price covering the first weight step, plus a surcharge per further step started.
 */
export const SHIPPING_TARIFF = {
  currency: 'USD',
  /** Cents for a parcel up to one step. */
  baseCents: 499,
  /** Cents per further step started. */
  stepCents: 150,
  /** Grams per step. */
  stepGrams: 500,
} as const;

/**
 * What shipping one unit of `weightGrams` costs. A weight that is not a positive whole number of
 * grams (a data error in catalog) is priced as one step rather than failing the product page.
 */
export function shippingEstimate(weightGrams: number): MoneyValue {
  const { baseCents, stepCents, stepGrams, currency } = SHIPPING_TARIFF;
  const steps =
    Number.isFinite(weightGrams) && weightGrams > 0 ? Math.ceil(weightGrams / stepGrams) : 1;
  return { amount: baseCents + (steps - 1) * stepCents, currency };
}
