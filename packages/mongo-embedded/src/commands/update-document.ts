import type { Document } from 'bson';
import { applyUpdate, bsonEqual, isReplacement, upsertSeed, valuesEqual } from '../engine/index.js';
import { mongoError } from '../mongo-error.js';
import { checkDocumentSize, prepareForStorage } from './prepare-document.js';

export interface UpdateSpec {
  readonly query: Document;
  readonly update: Document | readonly Document[];
  readonly arrayFilters?: readonly Document[] | undefined;
  readonly now: Date;
}

function withIdFirst(doc: Document): Document {
  return Object.keys(doc)[0] === '_id' ? doc : { _id: doc._id as unknown, ...doc };
}

/** The new version of `old`; enforces `_id` immutability (66) and the size limit. */
export function updatedDocument(old: Document, spec: UpdateSpec): Document {
  let next: Document;
  if (isReplacement(spec.update)) {
    const replacement = spec.update as Document;
    if ('_id' in replacement && !valuesEqual(replacement._id, old._id)) {
      throw immutableId();
    }
    next = { ...replacement, _id: old._id as unknown };
  } else {
    next = applyUpdate(old, spec.update, {
      isUpsertInsert: false,
      query: spec.query,
      ...(spec.arrayFilters !== undefined ? { arrayFilters: spec.arrayFilters } : {}),
      now: spec.now,
    });
    if (!('_id' in next) || !valuesEqual(next._id, old._id)) throw immutableId();
  }
  next = withIdFirst(next);
  checkDocumentSize(next, 'update');
  return next;
}

/** The document an upsert inserts when nothing matched. */
export function upsertDocument(spec: UpdateSpec): Document {
  const seed = upsertSeed(spec.query);
  let doc: Document;
  if (isReplacement(spec.update)) {
    const replacement = spec.update as Document;
    doc =
      '_id' in seed && !('_id' in replacement)
        ? { _id: seed._id as unknown, ...replacement }
        : replacement;
  } else {
    doc = applyUpdate(seed, spec.update, {
      isUpsertInsert: true,
      query: spec.query,
      ...(spec.arrayFilters !== undefined ? { arrayFilters: spec.arrayFilters } : {}),
      now: spec.now,
    });
    if ('_id' in seed && !valuesEqual(doc._id, seed._id)) throw immutableId();
  }
  return prepareForStorage(doc, 'upsert');
}

/** MongoDB reports `nModified` only for writes that changed the stored bytes (types, order). */
export function sameDocument(a: Document, b: Document): boolean {
  return bsonEqual(a, b);
}

function immutableId(): Error {
  return mongoError(
    'ImmutableField',
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );
}
