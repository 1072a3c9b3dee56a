import type { Document } from 'bson';
import type { UpdateOptions } from './index.js';

// STUB: replaced by the engine work. Signatures are the contract.
/** Applies an operator update (`{ $set: … }`) or an aggregation-pipeline update (array) and returns a new document; the input is not mutated. A replacement document is handled by the caller (see isReplacement). */
export function applyUpdate(
  doc: Document,
  _update: Document | readonly Document[],
  _options: UpdateOptions,
): Document {
  return doc;
}
/** True when `update` is a replacement document (no top-level `$` keys). Mixed keys throw FailedToParse. */
export function isReplacement(update: Document | readonly Document[]): boolean {
  return !Array.isArray(update) && !Object.keys(update).some((k) => k.startsWith('$'));
}
/** The base document of an upsert: the equality conditions of the query (`{a: 1, 'b.c': 2, $and: [...]}`). */
export function upsertSeed(_query: Document): Document {
  return {};
}
