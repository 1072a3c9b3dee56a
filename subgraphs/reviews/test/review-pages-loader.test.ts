import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { createReviewPagesLoader } from '../src/review-pages-loader.js';
import type {
  ReviewDocument,
  ReviewPagesQuery,
  ReviewsRepository,
} from '../src/repositories/reviews.js';

function reviewOf(productId: string, n: number): ReviewDocument {
  return {
    _id: new ObjectId(),
    productId,
    authorId: `usr_${n}`,
    rating: 3,
    body: 'x',
    createdAt: new Date(n),
  };
}

/** A repository that records its page queries and answers with `limit` reviews per owner. */
function fakeRepository(owners: ReadonlySet<string>) {
  const queries: ReviewPagesQuery[] = [];
  const repository: ReviewsRepository = {
    findByIds: () => Promise.resolve([]),
    findByAuthorships: () => Promise.resolve([]),
    averageRatings: () => Promise.resolve([]),
    insert: () => Promise.resolve(),
    findPages: (query) => {
      queries.push(query);
      // Reverse order: the loader must not rely on the database's order of groups.
      const ids = query.ownerIds.filter((id) => owners.has(id)).reverse();
      return Promise.resolve(
        ids.map((id) => ({
          _id: id,
          reviews: Array.from({ length: query.limit }, (_, n) => reviewOf(id, n)),
        })),
      );
    },
  };
  return { repository, queries };
}

describe('review pages loader', () => {
  it('answers many owners asking for the same page with one query, in key order', async () => {
    const { repository, queries } = fakeRepository(new Set(['a', 'c']));
    const loader = createReviewPagesLoader(repository, 'productId');
    const pages = await Promise.all(
      ['a', 'b', 'c', 'a'].map((ownerId) => loader.load({ ownerId, limit: 3 })),
    );
    expect(queries).toEqual([{ by: 'productId', ownerIds: ['a', 'b', 'c'], limit: 3 }]);
    expect(pages.map((page) => page.map((r) => r.productId))).toEqual([
      ['a', 'a', 'a'],
      [],
      ['c', 'c', 'c'],
      ['a', 'a', 'a'],
    ]);
  });

  it('runs one query per distinct (limit, after) and keeps the pages apart', async () => {
    const { repository, queries } = fakeRepository(new Set(['a', 'b']));
    const loader = createReviewPagesLoader(repository, 'authorId');
    const after = { createdAt: new Date(5), id: new ObjectId() };
    const [short, long, later] = await Promise.all([
      loader.load({ ownerId: 'a', limit: 1 }),
      loader.load({ ownerId: 'a', limit: 4 }),
      loader.load({ ownerId: 'b', limit: 4, after, afterCursor: 'cursor-1' }),
    ]);
    expect(queries).toHaveLength(3);
    expect(queries.map((q) => [q.by, q.limit, q.after ?? null])).toEqual([
      ['authorId', 1, null],
      ['authorId', 4, null],
      ['authorId', 4, after],
    ]);
    expect([short?.length, long?.length, later?.length]).toEqual([1, 4, 4]);
  });
});
