import type { Document } from 'bson';
import type { RecordId } from '../storage/sorted-index.js';
import { asBoolean } from '../bson-number.js';
import { isReplacement } from '../engine/index.js';
import { mongoError } from '../mongo-error.js';
import { isPlainObject } from '../storage/document-path.js';
import { collectionName, documentArray, optionalBoolean } from './command-args.js';
import { readMatching, type CommandContext, type CommandDefinition } from './command-context.js';

import {
  sameDocument,
  updatedDocument,
  upsertDocument,
  type UpdateSpec,
} from './update-document.js';
import { runStatements } from './write-errors.js';

export interface UpdateOutcome {
  n: number;
  nModified: number;
  upsertedId?: unknown;
}

/** One update statement (`{q, u, multi, upsert, arrayFilters}`), each document atomically. */
export function runUpdateStatement(
  context: CommandContext,
  coll: string,
  statement: Document,
): UpdateOutcome {
  const { access, db } = context;
  const query = isPlainObject(statement.q) ? statement.q : {};
  const update: unknown = statement.u;
  if (!isPlainObject(update) && !(Array.isArray(update) && update.every(isPlainObject))) {
    throw mongoError('FailedToParse', "BSON field 'u' must be an object or an array");
  }
  const multi = asBoolean(statement.multi ?? false);
  if (multi && isReplacement(update)) {
    throw mongoError('FailedToParse', 'multi update is not supported for replacement-style update');
  }
  const spec: UpdateSpec = {
    query,
    update,
    arrayFilters: Array.isArray(statement.arrayFilters)
      ? (statement.arrayFilters as Document[])
      : undefined,
    now: new Date(),
  };
  const matches = readMatching(context, coll, query);
  const targets = multi ? matches : matches.slice(0, 1);
  if (targets.length === 0) {
    if (!asBoolean(statement.upsert ?? false)) return { n: 0, nModified: 0 };
    const doc = upsertDocument(spec);
    access.insert(db, coll, doc);
    return { n: 1, nModified: 0, upsertedId: doc._id };
  }
  const changes: [RecordId, Document][] = [];
  for (const { rid, doc } of targets) {
    const next = updatedDocument(doc, spec);
    if (!sameDocument(doc, next)) changes.push([rid, next]);
  }
  access.assertWritable(
    db,
    coll,
    changes.map(([rid]) => rid),
  );
  for (const [rid, next] of changes) access.replace(db, coll, rid, next);
  return { n: targets.length, nModified: changes.length };
}

async function update(context: CommandContext): Promise<Document> {
  const { body, state } = context;
  const coll = collectionName(body, 'update');
  const statements = documentArray(body, 'updates');
  const ordered = optionalBoolean(body, 'ordered', true);
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  state.counters.update += statements.length;
  const writeErrors = await runStatements(statements, ordered, (statement, index) => {
    const outcome = runUpdateStatement(context, coll, statement);
    n += outcome.n;
    nModified += outcome.nModified;
    if ('upsertedId' in outcome) upserted.push({ index, _id: outcome.upsertedId });
  });
  return {
    n,
    nModified,
    ...(upserted.length > 0 ? { upserted } : {}),
    ...(writeErrors.length > 0 ? { writeErrors } : {}),
  };
}

export const updateCommands: CommandDefinition[] = [
  { names: ['update'], handler: update, counter: 'self', retryableWrite: true },
];
