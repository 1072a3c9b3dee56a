import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import {
  createTestIssuer,
  startTestSubgraph,
  testMongoUri,
  uniqueName,
  type RunningTestServer,
  testSubgraphConfig,
} from '@tessera/testing';
import { catalogIndexes } from '../src/indexes.js';
import { seed } from '../src/seed.js';
import { createServer } from '../src/server.js';
import { graphqlRequest } from './graphql-request.js';

const PRODUCTS = /* GraphQL */ `
  query Products($first: Int, $after: String, $categoryId: ID) {
    products(first: $first, after: $after, categoryId: $categoryId) {
      edges {
        cursor
        node {
          id
          name
          price {
            amount
            currency
          }
          weight
          category {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

interface ProductsData {
  products: {
    edges: {
      cursor: string;
      node: {
        id: string;
        name: string;
        price: { amount: number; currency: string };
        weight: number;
        category: { id: string; name: string };
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

let client: MongoClient;
let db: Db;
let server: RunningTestServer;
const commands: CommandStartedEvent[] = [];

beforeAll(async () => {
  // Command monitoring lets the tests count the queries each request makes.
  client = new MongoClient(testMongoUri(), { monitorCommands: true });
  client.on('commandStarted', (event) => commands.push(event));
  await client.connect();
  db = client.db(uniqueName('catalog'));
  await ensureIndexes(db, catalogIndexes);
  await seed(db);
  const issuer = await createTestIssuer();
  server = await startTestSubgraph(
    createServer({
      db,
      config: testSubgraphConfig(),
      verifyToken: issuer.verifyToken,
      logger: createLogger({ service: 'catalog', level: 'silent' }),
    }),
  );
});

afterAll(async () => {
  await server?.stop();
  await db?.dropDatabase();
  await client?.close();
});

function products(variables: Record<string, unknown>) {
  return graphqlRequest<ProductsData>(server.url, PRODUCTS, variables);
}

function queriesOn(collection: string): CommandStartedEvent[] {
  return commands.filter(
    (c) =>
      c.databaseName === db.databaseName &&
      (c.commandName === 'find' || c.commandName === 'aggregate') &&
      c.command[c.commandName] === collection,
  );
}

describe('catalog products connection', () => {
  it('returns the first 5 products with prices in minor units and a cursor to the next page', async () => {
    const { body } = await products({ first: 5 });
    expect(body.errors).toBeUndefined();
    const page = body.data?.products;
    expect(page?.edges.map((e) => e.node.id)).toEqual([
      'prod_0001',
      'prod_0002',
      'prod_0003',
      'prod_0004',
      'prod_0005',
    ]);
    expect(page?.edges[0]?.node).toMatchObject({
      price: { amount: expect.any(Number), currency: 'USD' },
      category: { id: 'cat_01', name: 'Books' },
    });
    expect(page?.pageInfo.hasNextPage).toBe(true);
    expect(page?.pageInfo.endCursor).toBe(page?.edges[4]?.cursor);
  });

  it('continues after endCursor with the next products and no overlap', async () => {
    const first = await products({ first: 5 });
    const next = await products({ first: 5, after: first.body.data?.products.pageInfo.endCursor });
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data?.products.edges.map((e) => e.node.id)).toEqual([
      'prod_0006',
      'prod_0007',
      'prod_0008',
      'prod_0009',
      'prod_0010',
    ]);
  });

  it('walks all 200 seeded products exactly once, ending with hasNextPage false', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    for (;;) {
      const { body } = await products({ first: 100, ...(after ? { after } : {}) });
      expect(body.errors).toBeUndefined();
      const page = body.data?.products;
      if (!page) throw new Error('no page');
      seen.push(...page.edges.map((e) => e.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(2);
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
  });

  it('defaults to 20 products per page', async () => {
    const { body } = await graphqlRequest<ProductsData>(
      server.url,
      '{ products { edges { node { id } } } }',
    );
    expect(body.data?.products.edges).toHaveLength(20);
  });

  it('filters by category', async () => {
    const { body } = await products({ first: 100, categoryId: 'cat_03' });
    const edges = body.data?.products.edges ?? [];
    expect(edges).toHaveLength(20);
    expect(edges.every((e) => e.node.category.id === 'cat_03')).toBe(true);
  });

  it('rejects first: 1000 with BAD_USER_INPUT naming first', async () => {
    const { body } = await products({ first: 1000 });
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('rejects a negative first with BAD_USER_INPUT naming first', async () => {
    const { body } = await products({ first: -1 });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('rejects a garbage after with BAD_USER_INPUT naming after', async () => {
    const { body } = await products({ first: 5, after: 'garbage!' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('loads the categories of a page with one categories query', async () => {
    commands.length = 0;
    const { body } = await products({ first: 50 });
    expect(body.data?.products.edges).toHaveLength(50);
    expect(queriesOn('products')).toHaveLength(1);
    expect(queriesOn('categories')).toHaveLength(1);
  });
});

describe('catalog product by id', () => {
  it('returns a product by id', async () => {
    const { body } = await graphqlRequest(server.url, '{ product(id: "prod_0042") { id name } }');
    expect(body).toEqual({ data: { product: { id: 'prod_0042', name: expect.any(String) } } });
  });

  it('returns null and NOT_FOUND for an unknown id', async () => {
    const { body } = await graphqlRequest(server.url, '{ product(id: "prod_9999") { id } }');
    expect(body.data).toEqual({ product: null });
    expect(body.errors?.[0]).toMatchObject({
      path: ['product'],
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

describe('catalog entities', () => {
  it('resolves Product references in key order, null for unknown ids, with one products query', async () => {
    const query = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Product {
            id
            weight
            category {
              name
            }
          }
        }
      }
    `;
    const ids = ['prod_0150', 'prod_0002', 'prod_0404', 'prod_0011', 'prod_0002'];
    commands.length = 0;
    const { body } = await graphqlRequest<{ _entities: ({ id: string } | null)[] }>(
      server.url,
      query,
      { representations: ids.map((id) => ({ __typename: 'Product', id })) },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities.map((e) => e?.id ?? null)).toEqual([
      'prod_0150',
      'prod_0002',
      null,
      'prod_0011',
      'prod_0002',
    ]);
    expect(queriesOn('products')).toHaveLength(1);
    expect(queriesOn('categories')).toHaveLength(1);
  });

  it('resolves Category references', async () => {
    const { body } = await graphqlRequest(
      server.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Category { id name } } }',
      { r: [{ __typename: 'Category', id: 'cat_10' }] },
    );
    expect(body).toEqual({ data: { _entities: [{ id: 'cat_10', name: 'Coffee' }] } });
  });
});

describe('catalog seed', () => {
  it('is idempotent: running it twice gives the same counts and documents', async () => {
    const target = client.db(uniqueName('catalog_seed'));
    try {
      await ensureIndexes(target, catalogIndexes);
      const first = await seed(target);
      const snapshot = await target.collection('products').find({}).sort({ _id: 1 }).toArray();
      const second = await seed(target);
      expect(first).toEqual({ categories: 10, products: 200 });
      expect(second).toEqual(first);
      expect(await target.collection('products').find({}).sort({ _id: 1 }).toArray()).toEqual(
        snapshot,
      );
    } finally {
      await target.dropDatabase();
    }
  });
});
