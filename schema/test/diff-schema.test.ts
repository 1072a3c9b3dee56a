import { buildSchema } from '../src/graphql-runtime.js';
import { describe, expect, it } from 'vitest';
import { parseChangelog, newAcknowledgements } from '../src/changelog.js';
import { deprecationIn, diffApiSchemas, judgeBreakingChanges } from '../src/diff-schema.js';

// A client-facing API schema; each case below edits it once.
const base = `
type Query {
  products(first: Int, after: String): [Product!]!
  product(id: ID!): Product
}
type Product {
  id: ID!
  name: String!
  description: String
  price: Int!
  kind: Kind!
  legacySku: String @deprecated(reason: "Use id.")
}
enum Kind { PHYSICAL DIGITAL OLD @deprecated(reason: "Unused.") }
input ProductFilter { search: String }
`;

function edited(from: string, to: string): string {
  const next = base.replace(from, to);
  if (next === base) throw new Error(`fixture edit found no "${from}"`);
  return next;
}

async function changesTo(next: string) {
  return diffApiSchemas(buildSchema(base), buildSchema(next));
}

describe('classifying API schema changes (graphql-inspector)', () => {
  const breaking: [string, string, string, string][] = [
    ['a removed field', 'name: String!\n', '', 'Product.name'],
    ['a field retyped String -> Int', 'name: String!', 'name: Int!', 'Product.name'],
    [
      'an output field made nullable (clients never expected null)',
      'price: Int!',
      'price: Int',
      'Product.price',
    ],
    ['an argument made required', 'first: Int,', 'first: Int!,', 'Query.products.first'],
    [
      'a new required argument',
      'after: String)',
      'after: String, search: String!)',
      'Query.products.search',
    ],
    ['an enum value removed', 'DIGITAL ', '', 'Kind.DIGITAL'],
    ['a type removed', 'input ProductFilter { search: String }', '', 'ProductFilter'],
  ];
  it.each(breaking)('reports %s as breaking', async (_name, from, to, path) => {
    const changes = await changesTo(edited(from, to));
    expect(changes.filter((c) => c.level === 'BREAKING').map((c) => c.path)).toEqual([path]);
  });

  const safe: [string, string, string][] = [
    ['a field added', 'price: Int!', 'price: Int!\n  weight: Int'],
    [
      'a deprecation added',
      'description: String',
      'description: String @deprecated(reason: "Gone soon.")',
    ],
    ['an optional argument added', 'after: String)', 'after: String, search: String)'],
    [
      'an output field made non-null (clients already handle a value)',
      'description: String',
      'description: String!',
    ],
    ['an enum value added', 'PHYSICAL DIGITAL', 'PHYSICAL DIGITAL SUBSCRIPTION'],
  ];
  it.each(safe)('reports %s as not breaking', async (_name, from, to) => {
    const changes = await changesTo(edited(from, to));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((c) => c.level === 'BREAKING')).toEqual([]);
  });
});

describe('judging breaking changes', () => {
  const ack = (text: string) => newAcknowledgements(parseChangelog(text).acknowledgements, []);

  it('fails an unacknowledged removal of a field that was not deprecated', async () => {
    const changes = await changesTo(edited('name: String!\n', ''));
    const [verdict] = judgeBreakingChanges(changes, buildSchema(base), new Map());
    expect(verdict).toMatchObject({
      allowed: false,
      change: { type: 'FIELD_REMOVED', path: 'Product.name' },
    });
  });

  it('allows a breaking change acknowledged in the changelog', async () => {
    const changes = await changesTo(edited('name: String!\n', ''));
    const acks = ack('- BREAKING ACK: Product.name — renamed to title; storefront moved in #12\n');
    const [verdict] = judgeBreakingChanges(changes, buildSchema(base), acks);
    expect(verdict).toMatchObject({
      allowed: true,
      by: 'acknowledged',
      acknowledgement: { line: 1 },
    });
  });

  it('does not let an acknowledgement of another element excuse the change', async () => {
    const changes = await changesTo(edited('name: String!\n', ''));
    const acks = ack('- BREAKING ACK: Product.price — something else\n');
    expect(judgeBreakingChanges(changes, buildSchema(base), acks)[0]?.allowed).toBe(false);
  });

  it('allows removing a field that was deprecated in the base', async () => {
    const changes = await changesTo(
      edited('  legacySku: String @deprecated(reason: "Use id.")\n', ''),
    );
    const [verdict] = judgeBreakingChanges(changes, buildSchema(base), new Map());
    expect(verdict).toMatchObject({
      allowed: true,
      by: 'deprecated',
      deprecationReason: 'Use id.',
    });
  });

  it('allows removing an enum value that was deprecated in the base', async () => {
    const changes = await changesTo(edited(' OLD @deprecated(reason: "Unused.")', ''));
    expect(judgeBreakingChanges(changes, buildSchema(base), new Map())).toMatchObject([
      { allowed: true, by: 'deprecated' },
    ]);
  });

  it('finds deprecations of fields, arguments, input fields and enum values', () => {
    const schema = buildSchema(`
      type Query { f(a: Int @deprecated(reason: "A")): Int @deprecated(reason: "F") }
      input I { x: Int @deprecated(reason: "X") }
      enum E { V @deprecated(reason: "V") W }
    `);
    expect(
      ['Query.f', 'Query.f.a', 'I.x', 'E.V', 'E.W', 'Nope.x'].map((p) => deprecationIn(schema, p)),
    ).toEqual(['F', 'A', 'X', 'V', undefined, undefined]);
  });
});
