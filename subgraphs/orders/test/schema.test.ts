import { printSubgraphSchema } from '@apollo/subgraph';
import { typeDefs as catalogTypeDefs } from '@tessera/catalog/schema';
import { Kind, print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSchema, typeDefs } from '../src/schema.js';

/**
 * A type definition as printed, without `@tag`s: tags only choose which contract variants show a
 * type (the composed supergraph merges every subgraph's), so they are not part of its shape.
 */
function definitionOf(document: DocumentNode, name: string): string {
  const node = document.definitions.find((d) => 'name' in d && d.name?.value === name);
  if (node?.kind !== Kind.OBJECT_TYPE_DEFINITION)
    throw new Error(`no type ${name} in the document`);
  const directives = (node.directives ?? []).filter((d) => d.name.value !== 'tag');
  return print({ ...node, directives });
}

describe('orders schema', () => {
  it('builds a Federation 2 subgraph with the Order entity, User.orders and order(id)', () => {
    const sdl = printSubgraphSchema(createSchema());
    expect(sdl).toMatch(/type Order\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type User\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Product\s+@key\(fields: "id", resolvable: false\)/);
    expect(sdl).toMatch(/orders\(first: Int = 10, after: String\): OrderConnection!/);
    expect(sdl).toMatch(/order\(id: ID!\): Order\s/);
    expect(sdl).toMatch(/status: OrderStatus\): OrderConnection! @tag\(name: "internal"\)/);
  });

  it.each(['Money', 'PageInfo'])(
    'declares the shareable %s with the same fields and descriptions as catalog',
    (name) => {
      expect(definitionOf(typeDefs, name)).toBe(definitionOf(catalogTypeDefs, name));
    },
  );
});
