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

describe('payments schema', () => {
  it('builds a Federation 2 subgraph with the Payment entity and Order.payment', () => {
    const sdl = printSubgraphSchema(createSchema());
    expect(sdl).toMatch(/type Payment\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Order\s+@key\(fields: "id"\)\s*\{[^}]*payment: Payment\s/);
  });

  it('keeps the payer out of the client API with @inaccessible', () => {
    expect(printSubgraphSchema(createSchema())).toMatch(/customerId: ID! @inaccessible/);
  });

  it('declares the shareable Money with the same fields and descriptions as catalog', () => {
    expect(definitionOf(typeDefs, 'Money')).toBe(definitionOf(catalogTypeDefs, 'Money'));
  });
});
