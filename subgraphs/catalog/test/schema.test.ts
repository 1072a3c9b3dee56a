import { printSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../src/schema.js';

describe('catalog schema', () => {
  it('builds a Federation 2 subgraph with Product and Category entities and shareable value types', () => {
    const sdl = printSubgraphSchema(createSchema());
    expect(sdl).toMatch(/type Product implements Listing\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Category implements Listing\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/interface Listing\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Money\s+@shareable/);
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
    expect(sdl).toMatch(
      /products\(first: Int = 20, after: String, categoryId: ID, search: String\): ProductConnection!/,
    );
  });

  it('keeps the internal SKU out of the client API with @inaccessible', () => {
    expect(printSubgraphSchema(createSchema())).toMatch(/internalSku: String! @inaccessible/);
  });
});
