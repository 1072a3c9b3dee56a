import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/compose.js';
import { apiSchemaOf } from '../src/diff-schema.js';
import { parse } from '../src/graphql-runtime.js';
import { subgraphChanges } from '../src/subgraph-changes.js';

const link = (imports: string): string =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports}])\n`;

const catalog = `${link('"@key", "@shareable", "@inaccessible"')}
interface Listing @key(fields: "id") {
  id: ID!
  name: String!
}

type Product implements Listing @key(fields: "id") {
  id: ID!
  name: String!
  price: Int!
  note: String
  sku: String @inaccessible
  kind: Kind!
}

enum Kind {
  PHYSICAL
  DIGITAL
}

type Tag {
  label: String!
}

input ProductFilter {
  kind: Kind
  maxPrice: Int!
  minPrice: Int
}

type Money @shareable {
  amount: Int!
}

type Query {
  products(filter: ProductFilter): [Product!]!
  tags: [Tag!]!
  money: Money
}
`;

const accounts = `${link('"@key", "@shareable", "@interfaceObject"')}
type Listing @key(fields: "id") @interfaceObject {
  id: ID!
  viewerCanEdit: Boolean!
}

type Money @shareable {
  amount: Int!
}

type Query {
  me: String
}
`;

function baseApi() {
  const composition = composeSupergraph(
    [
      { name: 'accounts', file: '/accounts.graphql', text: accounts, url: 'http://a.invalid' },
      { name: 'catalog', file: '/catalog.graphql', text: catalog, url: 'http://c.invalid' },
    ],
    { rootDir: '/', configFile: '/supergraph.yaml', env: 'dev' },
  );
  if (!composition.ok) throw new Error(JSON.stringify(composition.errors));
  return apiSchemaOf(composition.supergraphText);
}

/** The changes when catalog's SDL becomes `next`, accounts unchanged. */
function catalogChanges(next: string, others = [parse(accounts)]) {
  return subgraphChanges(
    [{ name: 'catalog', base: parse(catalog), next: parse(next) }],
    others,
    baseApi(),
  ).map(({ change, subgraph }) => ({
    subgraph,
    type: change.type,
    path: change.path,
    level: change.level,
  }));
}

describe('subgraph-level API changes', () => {
  it('reports removed types, fields, input fields and enum values and changed field types with their criticality', () => {
    const next = catalog
      .replace('type Tag {\n  label: String!\n}\n', '')
      .replace('  tags: [Tag!]!\n', '')
      .replace('  DIGITAL\n', '')
      .replace('  price: Int!\n', '  price: Int\n')
      .replace('  note: String\n', '  note: String!\n')
      .replace(
        '  kind: Kind\n  maxPrice: Int!\n  minPrice: Int\n',
        '  kind: [Kind]\n  maxPrice: Int\n',
      );
    expect(catalogChanges(next)).toEqual([
      { subgraph: 'catalog', type: 'FIELD_TYPE_CHANGED', path: 'Product.price', level: 'BREAKING' },
      {
        subgraph: 'catalog',
        type: 'FIELD_TYPE_CHANGED',
        path: 'Product.note',
        level: 'NON_BREAKING',
      },
      { subgraph: 'catalog', type: 'ENUM_VALUE_REMOVED', path: 'Kind.DIGITAL', level: 'BREAKING' },
      { subgraph: 'catalog', type: 'TYPE_REMOVED', path: 'Tag', level: 'BREAKING' },
      {
        subgraph: 'catalog',
        type: 'INPUT_FIELD_TYPE_CHANGED',
        path: 'ProductFilter.kind',
        level: 'BREAKING',
      },
      {
        subgraph: 'catalog',
        type: 'INPUT_FIELD_TYPE_CHANGED',
        path: 'ProductFilter.maxPrice',
        level: 'NON_BREAKING',
      },
      {
        subgraph: 'catalog',
        type: 'INPUT_FIELD_REMOVED',
        path: 'ProductFilter.minPrice',
        level: 'BREAKING',
      },
      { subgraph: 'catalog', type: 'FIELD_REMOVED', path: 'Query.tags', level: 'BREAKING' },
    ]);
  });

  it('uses graphql-inspector messages', () => {
    const [change] = subgraphChanges(
      [
        {
          name: 'catalog',
          base: parse(catalog),
          next: parse(catalog.replace('  price: Int!\n', '')),
        },
      ],
      [parse(accounts)],
      baseApi(),
    );
    expect(change?.change.message).toBe("Field 'price' was removed from object type 'Product'");
  });

  it('ignores @inaccessible elements and federation definitions', () => {
    const federation =
      '\nscalar _Any\n\ntype _Service {\n  sdl: String\n}\n\nextend type Query {\n  _service: _Service!\n}\n';
    const changes = subgraphChanges(
      [
        {
          name: 'catalog',
          base: parse(`${catalog}${federation}`),
          next: parse(catalog.replace('  sku: String @inaccessible\n', '')),
        },
      ],
      [parse(accounts)],
      baseApi(),
    );
    expect(changes).toEqual([]);
  });

  it('does not report an element another subgraph still provides, compared or not', () => {
    const next = catalog.replace('type Money @shareable {\n  amount: Int!\n}\n', '');
    expect(catalogChanges(next)).toEqual([]);
    expect(catalogChanges(next, [])).toEqual([
      { subgraph: 'catalog', type: 'TYPE_REMOVED', path: 'Money', level: 'BREAKING' },
    ]);
  });

  it('reports a field removed from an @interfaceObject on the interface and every implementation', () => {
    const changes = subgraphChanges(
      [
        {
          name: 'accounts',
          base: parse(accounts),
          next: parse(accounts.replace('  viewerCanEdit: Boolean!\n', '')),
        },
      ],
      [parse(catalog)],
      baseApi(),
    );
    expect(changes.map((c) => c.change.path)).toEqual([
      'Listing.viewerCanEdit',
      'Product.viewerCanEdit',
    ]);
  });
});
