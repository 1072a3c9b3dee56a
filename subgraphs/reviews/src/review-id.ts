import { ObjectId } from 'mongodb';

/**
 * The ObjectId behind a review's GraphQL id (24 lower- or upper-case hex digits), or `null` for
 * any other string. Stricter than `ObjectId.isValid`, which also takes 12-character strings.
 */
export function parseReviewId(id: string): ObjectId | null {
  return /^[0-9a-fA-F]{24}$/.test(id) ? ObjectId.createFromHexString(id) : null;
}
