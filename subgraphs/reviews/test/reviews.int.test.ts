import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProductId } from '@tessera/catalog/seed';
import { graphqlRequest } from '@tessera/testing';
import { reviewsCollection } from '../src/repositories/reviews.js';
import { seed } from '../src/seed.js';
import { seedReviews } from '../src/seed-data.js';
import { startReviews, type ReviewsFixture } from './reviews-fixture.js';

interface ReviewNode {
  id: string;
  rating: number;
  body: string;
  createdAt: string;
  author: { id: string } | null;
  product: { id: string } | null;
}

interface ReviewPage {
  edges: { cursor: string; node: ReviewNode }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const PAGE_FIELDS = /* GraphQL */ `
  edges {
    cursor
    node {
      id
      rating
      body
      createdAt
      author {
        id
      }
      product {
        id
      }
    }
  }
  pageInfo {
    hasNextPage
    hasPreviousPage
    startCursor
    endCursor
  }
`;

const PRODUCT_REVIEWS = /* GraphQL */ `
  query ($representations: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $representations) {
      ... on Product {
        id
        averageRating
        reviews(first: $first, after: $after) { ${PAGE_FIELDS} }
      }
    }
  }
`;

const USER_REVIEWS = /* GraphQL */ `
  query ($representations: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $representations) {
      ... on User {
        id
        reviews(first: $first, after: $after) { ${PAGE_FIELDS} }
      }
    }
  }
`;

interface ProductEntity {
  id: string;
  averageRating: number | null;
  reviews: ReviewPage;
}

let fixture: ReviewsFixture;

beforeAll(async () => {
  fixture = await startReviews();
});

afterAll(async () => {
  await fixture?.[Symbol.asyncDispose]();
});

async function productPages(
  ids: readonly string[],
  variables: { first?: number; after?: string | null } = {},
) {
  const { body } = await graphqlRequest<{ _entities: ProductEntity[] }>(
    fixture.url,
    PRODUCT_REVIEWS,
    { representations: ids.map((id) => ({ __typename: 'Product', id })), ...variables },
  );
  return body;
}

/** The seeded reviews of one owner, newest first: what the connections must return. */
function expectedIds(by: 'productId' | 'authorId', ownerId: string): string[] {
  return seedReviews()
    .filter((review) => review[by] === ownerId)
    .sort(
      (a, b) =>
        b.createdAt.getTime() - a.createdAt.getTime() ||
        b._id.toHexString().localeCompare(a._id.toHexString()),
    )
    .map((review) => review._id.toHexString());
}

/** A seeded product with at least `n` reviews. */
function productWithReviews(n: number): string {
  for (let i = 0; i < 200; i += 1) {
    if (expectedIds('productId', seedProductId(i)).length >= n) return seedProductId(i);
  }
  throw new Error(`no seeded product has ${n} reviews`);
}

describe('Product.reviews', () => {
  it('returns the newest reviews first, with author and product references and a next page', async () => {
    const id = productWithReviews(4);
    const body = await productPages([id], { first: 3 });
    expect(body.errors).toBeUndefined();
    const page = body.data?._entities[0]?.reviews;
    expect(page?.edges.map((e) => e.node.id)).toEqual(expectedIds('productId', id).slice(0, 3));
    expect(page?.edges[0]?.node).toMatchObject({
      product: { id },
      author: { id: expect.stringMatching(/^usr_\d{4}$/) },
      rating: expect.any(Number),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(page?.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      endCursor: page?.edges[2]?.cursor,
    });
  });

  it('walks every review of a product page by page, each once, in order', async () => {
    const id = productWithReviews(5);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const body = await productPages([id], { first: 2, after });
      expect(body.errors).toBeUndefined();
      const page = body.data?._entities[0]?.reviews;
      if (!page) throw new Error('no page');
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expectedIds('productId', id));
  });

  it('gives a product without reviews an empty page and a null averageRating', async () => {
    // Every 25th seeded product has no reviews.
    const body = await productPages(['prod_0025', 'prod_9999']);
    expect(body.errors).toBeUndefined();
    for (const entity of body.data?._entities ?? []) {
      expect(entity.averageRating).toBeNull();
      expect(entity.reviews).toEqual({
        edges: [],
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: null,
          endCursor: null,
        },
      });
    }
  });

  it('averages the ratings of each product, in key order', async () => {
    const ids = [productWithReviews(3), 'prod_0025', productWithReviews(1)];
    const body = await productPages(ids, { first: 1 });
    expect(body.errors).toBeUndefined();
    const expected = ids.map((id) => {
      const ratings = seedReviews()
        .filter((r) => r.productId === id)
        .map((r) => r.rating);
      return ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null;
    });
    const actual = body.data?._entities.map((e) => e.averageRating) ?? [];
    expect(actual.map((a) => a?.toFixed(6) ?? null)).toEqual(
      expected.map((e) => e?.toFixed(6) ?? null),
    );
  });

  it('rejects first: 101 with BAD_USER_INPUT naming first', async () => {
    const body = await productPages(['prod_0001'], { first: 101 });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('rejects a garbage after with BAD_USER_INPUT naming after', async () => {
    const body = await productPages(['prod_0001'], { first: 2, after: 'bm90IGEgY3Vyc29y' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('User.reviews', () => {
  it("pages through a user's reviews, newest first", async () => {
    const expected = expectedIds('authorId', 'usr_0001');
    expect(expected.length).toBeGreaterThan(20);
    const first = await graphqlRequest<{ _entities: { reviews: ReviewPage }[] }>(
      fixture.url,
      USER_REVIEWS,
      { representations: [{ __typename: 'User', id: 'usr_0001' }], first: 20 },
    );
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data?._entities[0]?.reviews;
    const second = await graphqlRequest<{ _entities: { reviews: ReviewPage }[] }>(
      fixture.url,
      USER_REVIEWS,
      {
        representations: [{ __typename: 'User', id: 'usr_0001' }],
        first: 20,
        after: page1?.pageInfo.endCursor,
      },
    );
    const page2 = second.body.data?._entities[0]?.reviews;
    expect([...(page1?.edges ?? []), ...(page2?.edges ?? [])].map((e) => e.node.id)).toEqual(
      expected.slice(0, 40),
    );
    expect(page1?.edges.every((e) => e.node.author?.id === 'usr_0001')).toBe(true);
  });

  it('defaults to 10 reviews per page', async () => {
    const { body } = await graphqlRequest<{ _entities: { reviews: ReviewPage }[] }>(
      fixture.url,
      USER_REVIEWS,
      { representations: [{ __typename: 'User', id: 'usr_0003' }] },
    );
    expect(body.data?._entities[0]?.reviews.edges).toHaveLength(10);
  });
});

describe('Review entities and the review query', () => {
  it('resolves Review references in key order, null for unknown and malformed ids', async () => {
    const [a, b] = seedReviews();
    const ids = [b?._id.toHexString(), '0123456789abcdef01234567', 'nope', a?._id.toHexString()];
    const { body } = await graphqlRequest<{ _entities: (ReviewNode | null)[] }>(
      fixture.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Review { id rating } } }',
      { r: ids.map((id) => ({ __typename: 'Review', id })) },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities.map((e) => e?.id ?? null)).toEqual([ids[0], null, null, ids[3]]);
  });

  it('resolves Review references by (product, author) in key order with one query, null for a pair without a review', async () => {
    const [a, b, c] = seedReviews();
    if (!a || !b || !c) throw new Error('no seeded reviews');
    const pairs = [
      { productId: c.productId, authorId: c.authorId },
      // A seeded user and product, but never reviewed together: every 25th product has no review.
      { productId: 'prod_0025', authorId: a.authorId },
      { productId: a.productId, authorId: a.authorId },
      { productId: b.productId, authorId: b.authorId },
    ];
    fixture.resetCommands();
    const { body } = await graphqlRequest<{
      _entities: ({ id: string; product: { id: string }; author: { id: string } } | null)[];
    }>(
      fixture.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Review { id product { id } author { id } } } }',
      {
        r: pairs.map(({ productId, authorId }) => ({
          __typename: 'Review',
          product: { id: productId },
          author: { id: authorId },
        })),
      },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      { id: c._id.toHexString(), product: { id: c.productId }, author: { id: c.authorId } },
      null,
      { id: a._id.toHexString(), product: { id: a.productId }, author: { id: a.authorId } },
      { id: b._id.toHexString(), product: { id: b.productId }, author: { id: b.authorId } },
    ]);
    expect(fixture.queriesOn('reviews')).toHaveLength(1);
  });

  it('resolves references by id and by (product, author) in one request, one query per key', async () => {
    const [a, b] = seedReviews();
    if (!a || !b) throw new Error('no seeded reviews');
    fixture.resetCommands();
    const { body } = await graphqlRequest<{ _entities: ({ id: string } | null)[] }>(
      fixture.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Review { id } } }',
      {
        r: [
          { __typename: 'Review', product: { id: a.productId }, author: { id: a.authorId } },
          { __typename: 'Review', id: b._id.toHexString() },
          { __typename: 'Review', product: { id: b.productId }, author: { id: b.authorId } },
        ],
      },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities.map((e) => e?.id)).toEqual(
      [a, b, b].map((r) => r._id.toHexString()),
    );
    expect(fixture.queriesOn('reviews')).toHaveLength(2);
  });

  it('returns null and NOT_FOUND for an unknown review id', async () => {
    const { body } = await graphqlRequest(fixture.url, '{ review(id: "nope") { id } }');
    expect(body.data).toEqual({ review: null });
    expect(body.errors?.[0]).toMatchObject({ path: ['review'], extensions: { code: 'NOT_FOUND' } });
  });
});

describe('reviews batching', () => {
  const BATCH = /* GraphQL */ `
    query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Product {
          id
          averageRating
          reviews(first: 5) {
            edges {
              node {
                rating
                author {
                  id
                }
              }
            }
          }
        }
      }
    }
  `;

  async function queriesFor(size: number): Promise<number> {
    const ids = Array.from({ length: size }, (_, i) => seedProductId(i));
    fixture.resetCommands();
    const { body } = await graphqlRequest<{ _entities: ProductEntity[] }>(fixture.url, BATCH, {
      representations: ids.map((id) => ({ __typename: 'Product', id })),
    });
    expect(body.errors).toBeUndefined();
    const entities = body.data?._entities ?? [];
    expect(entities.map((e) => e.id)).toEqual(ids);
    // The batched page is each product's own: the loader split the one result correctly.
    for (const entity of entities) {
      expect(entity.reviews.edges.length).toBe(
        Math.min(5, expectedIds('productId', entity.id).length),
      );
    }
    return fixture.queriesOn('reviews').length;
  }

  it('fetches reviews(first: 5) and averageRating of 10 and of 50 products with the same 2 queries', async () => {
    const ten = await queriesFor(10);
    const fifty = await queriesFor(50);
    console.log(`reviews queries per _entities fetch: 10 products → ${ten}, 50 → ${fifty}`);
    expect(fifty).toBe(ten);
    expect(ten).toBe(2);
  });

  it('runs one query per distinct page arguments when aliases ask for different pages', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => seedProductId(i));
    fixture.resetCommands();
    const { body } = await graphqlRequest<{
      _entities: { a: { edges: unknown[] }; b: { edges: unknown[] }; id: string }[];
    }>(
      fixture.url,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product {
         id a: reviews(first: 1) { edges { cursor } } b: reviews(first: 3) { edges { cursor } } } } }`,
      { r: ids.map((id) => ({ __typename: 'Product', id })) },
    );
    expect(body.errors).toBeUndefined();
    for (const entity of body.data?._entities ?? []) {
      const total = expectedIds('productId', entity.id).length;
      expect(entity.a.edges).toHaveLength(Math.min(1, total));
      expect(entity.b.edges).toHaveLength(Math.min(3, total));
    }
    expect(fixture.queriesOn('reviews')).toHaveLength(2);
  });
});

describe('reviews seed', () => {
  it('holds 1,000 reviews, at most one per user and product', async () => {
    const all = await reviewsCollection(fixture.db).find({}).toArray();
    expect(all).toHaveLength(1000);
    expect(new Set(all.map((r) => `${r.productId}/${r.authorId}`)).size).toBe(1000);
  });

  it('is idempotent: a second run creates nothing and changes nothing', async () => {
    await using fresh = await startReviews({ seed: false });
    const first = await seed(fresh.db);
    const snapshot = await reviewsCollection(fresh.db).find({}).sort({ _id: 1 }).toArray();
    const second = await seed(fresh.db);
    expect(first).toEqual({ reviews: 1000, created: 1000 });
    expect(second).toEqual({ reviews: 1000, created: 0 });
    expect(await reviewsCollection(fresh.db).find({}).sort({ _id: 1 }).toArray()).toEqual(snapshot);
  });
});
