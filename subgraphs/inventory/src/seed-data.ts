import { SEED_PRODUCT_COUNT, seedProductId } from '@tessera/catalog/seed';
import type { StockDocument } from './repositories/stock.js';

/** When the seeded stock was counted: fixed, so every run writes identical documents. */
const SEED_COUNTED_AT = new Date(Date.UTC(2026, 0, 1));

/**
 * The seeded stock of catalog's seeded products, one document each. Quantities derive from
 * the product index: every eleventh product (4, 15, 26, …) is sold out, the others hold 1 to
 * 150 units, nothing reserved or committed.
 */
export function seedStock(): StockDocument[] {
  return Array.from({ length: SEED_PRODUCT_COUNT }, (_, index) => ({
    _id: seedProductId(index),
    available: index % 11 === 4 ? 0 : ((index * 37 + 11) % 150) + 1,
    reserved: 0,
    committed: 0,
    updatedAt: SEED_COUNTED_AT,
  }));
}
