import type { Collection, Db, Document, Filter, IndexDescription, ObjectId } from 'mongodb';

/** A review as stored in `tessera_reviews.reviews`. */
export interface ReviewDocument {
  readonly _id: ObjectId;
  /** The catalog product id, e.g. `prod_0001`. */
  readonly productId: string;
  /** The accounts user id, e.g. `usr_0001`. */
  readonly authorId: string;
  /** 1 to 5. */
  readonly rating: number;
  readonly body: string;
  readonly createdAt: Date;
}

export const REVIEWS_COLLECTION = 'reviews';

/** The fields a page of reviews can be grouped by: one product's, or one author's. */
export type ReviewOwnerField = 'productId' | 'authorId';

/** Newest first; `_id` breaks ties between reviews written in the same millisecond. */
export const REVIEW_PAGE_SORT = { createdAt: -1, _id: -1 } as const;

export const reviewsCollectionIndexes: IndexDescription[] = [
  // One review per user and product: a second `addReview` fails on this index (E11000).
  { key: { productId: 1, authorId: 1 }, name: 'reviews_product_author_unique', unique: true },
  // Serve `Product.reviews` and `User.reviews` pages (equality on the owner, then the page sort)
  // without an in-memory sort.
  { key: { productId: 1, ...REVIEW_PAGE_SORT }, name: 'reviews_product_page' },
  { key: { authorId: 1, ...REVIEW_PAGE_SORT }, name: 'reviews_author_page' },
];

/** A review's natural key: who reviewed what. Unique (`reviews_product_author_unique`). */
export interface ReviewAuthorship {
  readonly productId: string;
  readonly authorId: string;
}

/** Where a page starts: after the review with this sort key. */
export interface ReviewPosition {
  readonly createdAt: Date;
  readonly id: ObjectId;
}

export interface ReviewPagesQuery {
  readonly by: ReviewOwnerField;
  /** The products (or authors) whose pages to fetch. */
  readonly ownerIds: readonly string[];
  /** Reviews per owner; pass `first + 1` to learn whether a next page exists. */
  readonly limit: number;
  readonly after?: ReviewPosition;
}

/** One owner's page: absent from the result when the owner has no review after the position. */
export interface ReviewPage {
  /** The product (or author) id. */
  readonly _id: string;
  readonly reviews: ReviewDocument[];
}

export interface RatingAverage {
  /** The product id. */
  readonly _id: string;
  readonly average: number;
}

export interface ReviewsRepository {
  /** One query for any number of ids; the order of the result is unspecified. */
  findByIds(ids: readonly ObjectId[]): Promise<ReviewDocument[]>;
  /** One query for any number of (product, author) pairs; the order of the result is unspecified. */
  findByAuthorships(authorships: readonly ReviewAuthorship[]): Promise<ReviewDocument[]>;
  /** A page per owner, newest first, in one aggregation for any number of owners. */
  findPages(query: ReviewPagesQuery): Promise<ReviewPage[]>;
  /** The mean rating per product, in one aggregation; products without reviews are absent. */
  averageRatings(productIds: readonly string[]): Promise<RatingAverage[]>;
  /** @throws MongoServerError 11000 when the author already reviewed the product */
  insert(review: ReviewDocument): Promise<void>;
}

export function reviewsCollection(db: Db): Collection<ReviewDocument> {
  return db.collection<ReviewDocument>(REVIEWS_COLLECTION);
}

/** The reviews that sort after `position` in {@link REVIEW_PAGE_SORT} order. */
export function afterPosition(position: ReviewPosition): Filter<ReviewDocument> {
  return {
    $or: [
      { createdAt: { $lt: position.createdAt } },
      { createdAt: position.createdAt, _id: { $lt: position.id } },
    ],
  };
}

/**
 * The aggregation behind {@link ReviewsRepository.findPages}. The first stages list the owners
 * that have reviews (on MongoDB a covered scan of the owner's page index); `$lookup` then takes
 * each owner's first `limit` reviews with an equality-sort-limit subquery on the same index. So
 * the work grows with the page size, not with how many reviews a product has, and any number of
 * owners cost one command.
 */
export function reviewPagesPipeline(query: ReviewPagesQuery): Document[] {
  const after = query.after ? [{ $match: afterPosition(query.after) }] : [];
  return [
    { $match: { [query.by]: { $in: [...query.ownerIds] } } },
    ...after,
    { $group: { _id: `$${query.by}` } },
    {
      $lookup: {
        from: REVIEWS_COLLECTION,
        localField: '_id',
        foreignField: query.by,
        pipeline: [...after, { $sort: REVIEW_PAGE_SORT }, { $limit: query.limit }],
        as: 'reviews',
      },
    },
  ];
}

export function createReviewsRepository(db: Db): ReviewsRepository {
  const reviews = reviewsCollection(db);
  return {
    findByIds: (ids) => reviews.find({ _id: { $in: [...ids] } }).toArray(),
    // An `$or` of equality pairs: each branch is a point lookup on the unique index.
    findByAuthorships: (authorships) =>
      reviews
        .find({ $or: authorships.map(({ productId, authorId }) => ({ productId, authorId })) })
        .toArray(),
    findPages: (query) => reviews.aggregate<ReviewPage>(reviewPagesPipeline(query)).toArray(),
    averageRatings: (productIds) =>
      reviews
        .aggregate<RatingAverage>([
          { $match: { productId: { $in: [...productIds] } } },
          { $group: { _id: '$productId', average: { $avg: '$rating' } } },
        ])
        .toArray(),
    insert: async (review) => {
      await reviews.insertOne(review);
    },
  };
}
