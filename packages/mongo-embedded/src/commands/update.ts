import type { Document } from 'bson';
import { asBoolean } from '../bson-number.js';
import { isReplacement } from '../engine/index.js';
import { mongoError } from '../mongo-error.js';
import { isPlainObject } from '../storage/document-path.js';
import { collectionName, documentArray, optionalBoolean } from './command-args.js';
import type { CommandContext, CommandDefinition } from './command-context.js';
import { readMatching } from './read-documents.js';
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
  const { db, state } = context;
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
    state.storage.apply([{ kind: 'insert', db, coll, doc }]);
    return { n: 1, nModified: 0, upsertedId: doc._id };
  }
  let nModified = 0;
  for (const { rid, doc } of targets) {
    const next = updatedDocument(doc, spec);
    if (sameDocument(doc, next)) continue;
    state.storage.apply([{ kind: 'replace', db, coll, rid, doc: next }]);
    nModified++;
  }
  return { n: targets.length, nModified };
}

function update(context: CommandContext): Document {
  const { body, state } = context;
  const coll = collectionName(body, 'update');
  const statements = documentArray(body, 'updates');
  const ordered = optionalBoolean(body, 'ordered', true);
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = runStatements(statements, ordered, (statement, index) => {
    state.counters.update++;
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
  { names: ['update'], handler: update, counter: 'self' },
];
