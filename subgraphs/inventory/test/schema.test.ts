import { printSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../src/schema.js';

describe('inventory schema', () => {
  it('extends Product by id with stock fields and a shipping estimate that requires the weight', () => {
    const sdl = printSubgraphSchema(createSchema());
    expect(sdl).toMatch(/type Product\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/weight: Int! @external/);
    expect(sdl).toMatch(/inStock: Boolean!/);
    expect(sdl).toMatch(/availableQuantity: Int!/);
    expect(sdl).toMatch(/shippingEstimate: Money @requires\(fields: "weight"\)/);
    expect(sdl).toMatch(/type Money\s+@shareable/);
    expect(sdl).toMatch(/setStock\(productId: ID!, quantity: Int!\): Product/);
  });
});
