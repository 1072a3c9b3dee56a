import { printSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../src/schema.js';

describe('reviews schema', () => {
  it('defines Review, keyed by id and by (product, author), and extends Product and User by id with review connections', () => {
    const sdl = printSubgraphSchema(createSchema());
    expect(sdl).toMatch(
      /type Review\s+@key\(fields: "id"\)\s+@key\(fields: "product \{ id \} author \{ id \}"\)/,
    );
    expect(sdl).toMatch(/type Product\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type User\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/reviews\(first: Int = 10, after: String\): ReviewConnection!/);
    expect(sdl).toMatch(/averageRating: Float\n/);
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
    expect(sdl).toMatch(/addReview\(productId: ID!, rating: Int!, body: String!\): Review!/);
  });
});
