import { BadUserInputError } from '@tessera/errors';
import { startSubgraph, type TestSubgraph } from './subgraph-server.js';

const CATALOG_BASE = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    products(first: Int = 20): [Product!]!
    whoami: String
    slow: String
    boom: String
  }

  type Product @key(fields: "id") {
    id: ID!
    name: String!
  __EXTRA__
  }
`;

/** The catalog SDL; `withDescription` adds `Product.description`, for hot-reload tests. */
export function catalogSdl(withDescription = false): string {
  return CATALOG_BASE.replace('__EXTRA__', withDescription ? 'description: String' : '');
}

export const INVENTORY_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Product @key(fields: "id") {
    id: ID!
    inStock: Boolean
  }
`;

/** A promise a test resolves by hand, to hold a resolver open. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const products = [
  { id: 'p1', name: 'Teapot', description: 'Short and stout.' },
  { id: 'p2', name: 'Kettle', description: 'Whistles.' },
];

/**
 * The test catalog. `slow` waits for `slowGate` (and reports through `slowStarted` that it is
 * waiting); `boom` throws an unexpected error carrying a secret-looking message.
 */
export async function startCatalog() {
  const slowGate = gate();
  const slowStarted = gate();
  const subgraph: TestSubgraph = await startSubgraph('catalog', catalogSdl(true), {
    Query: {
      products: (_: unknown, args: { first: number }) => {
        if (args.first > 100) {
          // Answer HTTP 400 with a GraphQL body, as some third-party subgraphs do, so the test
          // proves the gateway relays such errors instead of flattening them.
          throw new BadUserInputError('`first` must be between 1 and 100.', 'first', {
            httpStatus: 400,
          });
        }
        return products.slice(0, args.first);
      },
      whoami: () => 'catalog',
      slow: async () => {
        slowStarted.open();
        await slowGate.opened;
        return 'done';
      },
      boom: () => {
        throw new Error('connect failed: mongodb://admin:hunter2@db.internal:27017');
      },
    },
    Product: {
      __resolveReference: (ref: { id: string }) => products.find((p) => p.id === ref.id),
    },
  });
  return { subgraph, slowGate, slowStarted };
}

export function startInventory() {
  return startSubgraph('inventory', INVENTORY_SDL, {
    Product: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id, inStock: ref.id === 'p1' }),
    },
  });
}
