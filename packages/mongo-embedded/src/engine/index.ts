/**
 * The query, update and aggregation engine: pure functions over documents, no I/O.
 *
 * Value model (agreed by the server and the engine): documents are stored as `bson` deserializes
 * them with `{ promoteValues: false }`, so numbers stay `Int32`, `Double`, `Long` or `Decimal128`
 * instances and keep their BSON type through updates and round trips. Strings, booleans, Dates,
 * null, arrays and sub-documents are plain JS values; ObjectId, Binary, Timestamp, RegExp/BSONRegExp,
 * MinKey/MaxKey are `bson` classes. Plain JS numbers may still appear (from command bodies
 * deserialized by the server, or literals in filters) and must be treated as numbers.
 *
 * Every function throws `MongoError` (../mongo-error.ts) with MongoDB's code for bad input.
 */
import type { Document } from 'bson';

export type { Document };

/** MongoDB's BSON comparison: canonical type order, numbers compared across numeric types. */
export type CompareFn = (a: unknown, b: unknown) => number;

export interface UpdateOptions {
  /** True when the update builds an upserted document (enables `$setOnInsert`). */
  readonly isUpsertInsert: boolean;
  /** The query of the update, needed for the positional `$` operator. */
  readonly query?: Document;
  readonly arrayFilters?: readonly Document[];
  /** "Now", for `$currentDate` and `$$NOW`. */
  readonly now?: Date;
}

export interface PipelineContext {
  /** The documents of another collection in the same database, for `$lookup` and `$unionWith`. */
  readonly collection: (name: string) => Iterable<Document>;
  /** "Now" for `$$NOW`, fixed for the whole run. @defaultValue the time of the call */
  readonly now?: Date;
  /** Variables available as `$$name` (the aggregate command's `let`). @defaultValue none */
  readonly variables?: Readonly<Record<string, unknown>>;
}

export { compareValues, valuesEqual, bsonEqual, valueKey } from './compare.js';
export { compileFilter, matchPosition, type FilterOptions } from './filter.js';
export { applyUpdate, isReplacement, upsertSeed } from './update.js';
export { applyProjection, compileProjection, type ProjectionOptions } from './projection.js';
export { compileSort, sortDocuments } from './sort.js';
export { runPipeline } from './pipeline.js';
