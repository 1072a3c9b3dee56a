import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, ensureIndexes } from '@tessera/subgraph-kit';
import {
  createTestIssuer,
  startTestSubgraph,
  testMongoUri,
  uniqueName,
  type RunningTestServer,
  type TestIssuer,
  testSubgraphConfig,
} from '@tessera/testing';
import { catalogIndexes } from '../src/indexes.js';
import { seed } from '../src/seed.js';
import { createServer } from '../src/server.js';
import { graphqlRequest } from './graphql-request.js';

let client: MongoClient;
let db: Db;
let server: RunningTestServer;
let issuer: TestIssuer;
let adminToken: string;
let customerToken: string;
const commands: CommandStartedEvent[] = [];

beforeAll(async () => {
  client = new MongoClient(testMongoUri(), { monitorCommands: true });
  client.on('commandStarted', (event) => commands.push(event));
  await client.connect();
  db = client.db(uniqueName('catalog_admin'));
  await ensureIndexes(db, catalogIndexes);
  await seed(db);
  issuer = await createTestIssuer();
  adminToken = await issuer.sign({ sub: 'usr_admin', roles: ['admin'] });
  customerToken = await issuer.sign({ sub: 'usr_customer', roles: ['customer'] });
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

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      name
      price {
        amount
        currency
      }
      category {
        id
      }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      id
      name
      weight
      price {
        amount
        currency
      }
    }
  }
`;

const validInput = {
  name: 'Walnut Desk Organizer',
  description: 'Keeps pens in order.',
  price: { amount: 2599, currency: 'EUR' },
  categoryId: 'cat_07',
  weight: 850,
};

type Body = Awaited<ReturnType<typeof graphqlRequest>>['body'];
function codeOf(body: Body): unknown {
  return body.errors?.[0]?.extensions?.['code'];
}

describe('catalog search and categories', () => {
  it('finds products by a case-insensitive part of the name', async () => {
    const { body } = await graphqlRequest<{
      products: { edges: { node: { name: string } }[] };
    }>(server.url, '{ products(first: 100, search: "sKiLlEt") { edges { node { name } } } }');
    expect(body.errors).toBeUndefined();
    const names = body.data?.products.edges.map((e) => e.node.name) ?? [];
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => name.toLowerCase().includes('skillet'))).toBe(true);
  });

  it('treats regex metacharacters in search as literal text', async () => {
    const { body } = await graphqlRequest(
      server.url,
      '{ products(first: 5, search: ".*") { edges { node { id } } } }',
    );
    expect(body).toEqual({ data: { products: { edges: [] } } });
  });

  it('rejects a search longer than 100 characters with BAD_USER_INPUT naming search', async () => {
    const { body } = await graphqlRequest(
      server.url,
      'query ($s: String) { products(search: $s) { edges { cursor } } }',
      { s: 'x'.repeat(101) },
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
  });

  it('lists the 10 categories, each with its first products, in one products aggregate', async () => {
    commands.length = 0;
    const { body } = await graphqlRequest<{
      categories: { id: string; products: { edges: { node: { id: string } }[] } }[];
    }>(server.url, '{ categories { id products(first: 3) { edges { node { id } } } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data?.categories.map((c) => c.id)).toHaveLength(10);
    expect(body.data?.categories[2]?.products.edges.map((e) => e.node.id)).toEqual([
      'prod_0003',
      'prod_0013',
      'prod_0023',
    ]);
    const productQueries = commands.filter(
      (c) =>
        c.databaseName === db.databaseName &&
        (c.commandName === 'find' || c.commandName === 'aggregate') &&
        c.command[c.commandName] === 'products',
    );
    expect(productQueries).toHaveLength(1);
  });
});

describe('catalog admin mutations', () => {
  it('lets an admin create a product that the catalog then serves', async () => {
    const { body } = await graphqlRequest<{ createProduct: { id: string } }>(
      server.url,
      CREATE,
      { input: validInput },
      adminToken,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.createProduct).toMatchObject({
      name: validInput.name,
      price: validInput.price,
      category: { id: 'cat_07' },
    });
    const id = body.data?.createProduct.id ?? '';
    const read = await graphqlRequest(server.url, `{ product(id: "${id}") { id name } }`);
    expect(read.body).toEqual({ data: { product: { id, name: validInput.name } } });
  });

  it('rejects createProduct from a customer with FORBIDDEN', async () => {
    const { body } = await graphqlRequest(server.url, CREATE, { input: validInput }, customerToken);
    expect(codeOf(body)).toBe('FORBIDDEN');
  });

  it('rejects createProduct without a token with UNAUTHENTICATED', async () => {
    const { body } = await graphqlRequest(server.url, CREATE, { input: validInput });
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a negative amount', { price: { amount: -1, currency: 'USD' } }, 'price.amount'],
    ['a lower-case currency', { price: { amount: 100, currency: 'usd' } }, 'price.currency'],
    ['an empty name', { name: '  ' }, 'name'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_label, patch, field) => {
    const { body } = await graphqlRequest(
      server.url,
      CREATE,
      { input: { ...validInput, ...patch } },
      adminToken,
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('rejects an unknown category with BAD_USER_INPUT naming input.categoryId', async () => {
    const { body } = await graphqlRequest(
      server.url,
      CREATE,
      { input: { ...validInput, categoryId: 'cat_99' } },
      adminToken,
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.categoryId',
    });
  });

  it('updates only the fields given', async () => {
    const before = await db.collection('products').findOne({ _id: 'prod_0100' as never });
    const { body } = await graphqlRequest(
      server.url,
      UPDATE,
      { id: 'prod_0100', input: { weight: 1234, name: null } },
      adminToken,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.['updateProduct']).toEqual({
      id: 'prod_0100',
      name: before?.['name'],
      weight: 1234,
      price: before?.['price'],
    });
  });

  it('returns null and NOT_FOUND when updating an unknown product', async () => {
    const { body } = await graphqlRequest(
      server.url,
      UPDATE,
      { id: 'prod_9999', input: { weight: 1 } },
      adminToken,
    );
    expect(body.data).toEqual({ updateProduct: null });
    expect(codeOf(body)).toBe('NOT_FOUND');
  });

  it('rejects updateProduct from a customer with FORBIDDEN', async () => {
    const { body } = await graphqlRequest(
      server.url,
      UPDATE,
      { id: 'prod_0100', input: { weight: 1 } },
      customerToken,
    );
    expect(codeOf(body)).toBe('FORBIDDEN');
  });
});

describe('catalog category products connection', () => {
  it("continues a category's products after a cursor, staying in the category", async () => {
    const query = /* GraphQL */ `
      query ($id: ID!, $after: String) {
        _entities(representations: [{ __typename: "Category", id: $id }]) {
          ... on Category {
            products(first: 15, after: $after) {
              edges {
                node {
                  id
                }
              }
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        }
      }
    `;
    type Page = {
      _entities: {
        products: {
          edges: { node: { id: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }[];
    };
    const first = await graphqlRequest<Page>(server.url, query, { id: 'cat_05' });
    const page1 = first.body.data?._entities[0]?.products;
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    const second = await graphqlRequest<Page>(server.url, query, {
      id: 'cat_05',
      after: page1?.pageInfo.endCursor,
    });
    const page2 = second.body.data?._entities[0]?.products;
    expect(page2?.pageInfo.hasNextPage).toBe(false);
    const ids = [...(page1?.edges ?? []), ...(page2?.edges ?? [])].map((e) => e.node.id);
    // cat_05 holds every 10th seeded product from prod_0005: 20 of them, each exactly once.
    expect(ids).toEqual(
      Array.from({ length: 20 }, (_, i) => `prod_${String(5 + 10 * i).padStart(4, '0')}`),
    );
  });
});
