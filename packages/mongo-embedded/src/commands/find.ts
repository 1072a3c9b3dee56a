import { Long, type Document } from 'bson';
import { applyProjection, sortDocuments } from '../engine/index.js';
import { mongoError } from '../mongo-error.js';
import type { PlanStats } from '../storage/query-planner.js';
import {
  collectionName,
  nonNegative,
  optionalBoolean,
  optionalDocument,
  optionalNumber,
} from './command-args.js';
import {
  commandVariables,
  readMatching,
  type CommandContext,
  type CommandDefinition,
} from './command-context.js';

export interface QueryShape {
  readonly filter: Document;
  readonly sort?: Document | undefined;
  readonly projection?: Document | undefined;
  readonly skip?: number | undefined;
  readonly limit?: number | undefined;
}

/** Runs filter, sort, skip, limit and projection; the shared core of find and friends. */
export function runQuery(
  context: CommandContext,
  coll: string,
  shape: QueryShape,
  stats?: PlanStats,
): Document[] {
  const skip = shape.skip ?? 0;
  const limit = shape.limit !== undefined && shape.limit > 0 ? shape.limit : undefined;
  const sort =
    shape.sort !== undefined && Object.keys(shape.sort).length > 0 ? shape.sort : undefined;
  const variables = commandVariables(context.body);
  const filterOptions = variables !== undefined ? { variables } : undefined;
  const byIndex =
    sort !== undefined && limit !== undefined
      ? context.access.findSorted(
          context.db,
          coll,
          shape.filter,
          sort,
          skip + limit,
          stats,
          filterOptions,
        )
      : undefined;
  let docs: Document[];
  if (byIndex !== undefined) {
    docs = byIndex.map((r) => r.doc);
  } else {
    docs = readMatching(context, coll, shape.filter, stats).map((r) => r.doc);
    if (sort !== undefined) docs = sortDocuments(docs, sort);
  }
  if (skip > 0 || limit !== undefined) {
    docs = docs.slice(skip, limit !== undefined ? skip + limit : undefined);
  }
  const projection = shape.projection;
  if (projection !== undefined && Object.keys(projection).length > 0) {
    // The query goes along for the positional `$` projection.
    const options = { query: shape.filter, ...(variables !== undefined ? { variables } : {}) };
    docs = docs.map((doc) => applyProjection(doc, projection, options));
  }
  return docs;
}

function find(context: CommandContext): Document {
  const { body, db, state } = context;
  const coll = collectionName(body, 'find');
  if (body.tailable === true || body.awaitData === true) {
    throw mongoError(
      'BadValue',
      'tailable cursors need a capped collection, which is not supported',
    );
  }
  let limit = optionalNumber(body, 'limit');
  let singleBatch = optionalBoolean(body, 'singleBatch', false);
  if (limit !== undefined && limit < 0) {
    // Legacy negative limit: "return at most |limit| in one batch".
    limit = -limit;
    singleBatch = true;
  }
  const batchSize = nonNegative(body, 'batchSize');
  const shape: QueryShape = {
    filter: optionalDocument(body, 'filter') ?? {},
    sort: optionalDocument(body, 'sort'),
    projection: optionalDocument(body, 'projection'),
    skip: nonNegative(body, 'skip'),
    limit,
  };
  const docs = runQuery(context, coll, shape);
  const ns = `${db}.${coll}`;
  const batch = state.cursors.open(ns, docs, batchSize, singleBatch);
  return { cursor: { firstBatch: batch.docs, id: batch.cursorId, ns } };
}

function getMore(context: CommandContext): Document {
  const { body, db, state } = context;
  const raw: unknown = body.getMore;
  const id =
    raw instanceof Long ? raw.toBigInt() : typeof raw === 'number' ? BigInt(raw) : undefined;
  if (id === undefined) throw mongoError('TypeMismatch', "BSON field 'getMore' must be a long");
  const coll = collectionName(body, 'collection');
  const ns = `${db}.${coll}`;
  const batch = state.cursors.getMore(id, ns, nonNegative(body, 'batchSize') || undefined);
  return { cursor: { nextBatch: batch.docs, id: batch.cursorId, ns } };
}

function killCursors(context: CommandContext): Document {
  const { body, state } = context;
  collectionName(body, 'killCursors');
  const raw: unknown = body.cursors;
  if (!Array.isArray(raw))
    throw mongoError('TypeMismatch', "BSON field 'cursors' must be an array");
  const ids = raw.map((value: unknown) =>
    value instanceof Long ? value.toBigInt() : BigInt(Number(value)),
  );
  const { killed, notFound } = state.cursors.kill(ids);
  return {
    cursorsKilled: killed.map((id) => Long.fromBigInt(id)),
    cursorsNotFound: notFound.map((id) => Long.fromBigInt(id)),
    cursorsAlive: [],
    cursorsUnknown: [],
  };
}

export const findCommands: CommandDefinition[] = [
  { names: ['find'], handler: find, counter: 'query' },
  { names: ['getMore'], handler: getMore, counter: 'getmore' },
  { names: ['killCursors'], handler: killCursors, counter: 'command' },
];
