import { describe, expect, it } from 'vitest';
import { graphqlRequest } from '@tessera/testing';
import { reviewsCollection } from '../src/repositories/reviews.js';
import { startReviews, type ReviewsFixture } from './reviews-fixture.js';

const ADD_REVIEW = /* GraphQL */ `
  mutation ($productId: ID!, $rating: Int!, $body: String!) {
    addReview(productId: $productId, rating: $rating, body: $body) {
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
`;

const PRODUCT = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Product {
        averageRating
        reviews(first: 10) {
          edges {
            node {
              id
              rating
            }
          }
        }
      }
    }
  }
`;

interface AddedReview {
  id: string;
  rating: number;
  body: string;
  createdAt: string;
  author: { id: string };
  product: { id: string };
}

async function addReview(
  fixture: ReviewsFixture,
  variables: { productId: string; rating: number; body: string },
  token?: string,
) {
  return graphqlRequest<{ addReview: AddedReview }>(fixture.url, ADD_REVIEW, variables, token);
}

describe('addReview', () => {
  it("stores a signed-in user's review and shows it on the product", async () => {
    await using fixture = await startReviews({ seed: false });
    const ada = await fixture.issuer.sign({ sub: 'usr_0003' });
    const grace = await fixture.issuer.sign({ sub: 'usr_0004' });
    const added = await addReview(
      fixture,
      { productId: 'prod_0007', rating: 4, body: '  Sturdy and light.  ' },
      ada,
    );
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data?.addReview).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      rating: 4,
      body: 'Sturdy and light.',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      author: { id: 'usr_0003' },
      product: { id: 'prod_0007' },
    });
    await addReview(fixture, { productId: 'prod_0007', rating: 1, body: 'Too heavy.' }, grace);
    const { body } = await graphqlRequest<{
      _entities: { averageRating: number; reviews: { edges: { node: { rating: number } }[] } }[];
    }>(fixture.url, PRODUCT, { r: [{ __typename: 'Product', id: 'prod_0007' }] });
    expect(body.data?._entities[0]?.averageRating).toBe(2.5);
    expect(body.data?._entities[0]?.reviews.edges.map((e) => e.node.rating)).toEqual([1, 4]);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED and stores nothing', async () => {
    await using fixture = await startReviews({ seed: false });
    const { body } = await addReview(fixture, { productId: 'prod_0001', rating: 5, body: 'Hi' });
    expect(body.data?.addReview ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await reviewsCollection(fixture.db).countDocuments({})).toBe(0);
  });

  it.each([
    ['a rating of 0', { rating: 0 }, 'rating'],
    ['a rating of 6', { rating: 6 }, 'rating'],
    ['an empty body', { body: '' }, 'body'],
    ['a body of spaces', { body: '   ' }, 'body'],
    ['a body of 2001 characters', { body: 'x'.repeat(2001) }, 'body'],
    ['an empty product id', { productId: '' }, 'productId'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_label, override, field) => {
    await using fixture = await startReviews({ seed: false });
    const token = await fixture.issuer.sign({ sub: 'usr_0003' });
    const { body } = await addReview(
      fixture,
      { productId: 'prod_0001', rating: 3, body: 'Fine.', ...override },
      token,
    );
    expect(body.data?.addReview ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await reviewsCollection(fixture.db).countDocuments({})).toBe(0);
  });

  it('accepts a body of exactly 2000 characters', async () => {
    await using fixture = await startReviews({ seed: false });
    const token = await fixture.issuer.sign({ sub: 'usr_0003' });
    const { body } = await addReview(
      fixture,
      { productId: 'prod_0001', rating: 3, body: 'x'.repeat(2000) },
      token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.addReview.body).toHaveLength(2000);
  });

  it('refuses a second review of the same product by the same user with BAD_USER_INPUT, not a 500', async () => {
    await using fixture = await startReviews({ seed: false });
    const token = await fixture.issuer.sign({ sub: 'usr_0003' });
    const first = await addReview(fixture, { productId: 'prod_0001', rating: 5, body: 'A' }, token);
    expect(first.body.errors).toBeUndefined();
    const second = await addReview(
      fixture,
      { productId: 'prod_0001', rating: 1, body: 'B' },
      token,
    );
    expect(second.body.errors?.[0]).toMatchObject({
      message: 'You have already reviewed this product.',
      extensions: { code: 'BAD_USER_INPUT', field: 'productId' },
    });
    expect(await reviewsCollection(fixture.db).find({}).toArray()).toEqual([
      expect.objectContaining({ rating: 5, body: 'A' }),
    ]);
  });

  it('lets two concurrent duplicate submissions store exactly one review', async () => {
    await using fixture = await startReviews({ seed: false });
    const token = await fixture.issuer.sign({ sub: 'usr_0005' });
    const results = await Promise.all(
      [1, 2, 3].map((rating) =>
        addReview(fixture, { productId: 'prod_0002', rating, body: 'Same' }, token),
      ),
    );
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.['code'] ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'BAD_USER_INPUT')).toHaveLength(2);
    expect(await reviewsCollection(fixture.db).countDocuments({})).toBe(1);
  });

  it('lets another user review the same product', async () => {
    await using fixture = await startReviews({ seed: false });
    for (const sub of ['usr_0003', 'usr_0004']) {
      const token = await fixture.issuer.sign({ sub });
      const { body } = await addReview(
        fixture,
        { productId: 'prod_0001', rating: 4, body: 'Good' },
        token,
      );
      expect(body.errors).toBeUndefined();
    }
    expect(await reviewsCollection(fixture.db).countDocuments({ productId: 'prod_0001' })).toBe(2);
  });
});
