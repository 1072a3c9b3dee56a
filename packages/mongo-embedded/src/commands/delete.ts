import type { Document } from 'bson';
import { asNumber } from '../bson-number.js';
import { mongoError } from '../mongo-error.js';
import { isPlainObject } from '../storage/document-path.js';
import { collectionName, documentArray, optionalBoolean } from './command-args.js';
import { readMatching, type CommandContext, type CommandDefinition } from './command-context.js';

import { runStatements } from './write-errors.js';

/** One delete statement (`{q, limit}`); limit 1 removes the first match, 0 removes all. */
export function runDeleteStatement(
  context: CommandContext,
  coll: string,
  statement: Document,
): number {
  const { access, db } = context;
  const limit = asNumber(statement.limit ?? 0);
  if (limit !== 0 && limit !== 1) {
    throw mongoError(
      'FailedToParse',
      `The limit field in delete objects must be 0 or 1. Got ${String(limit)}`,
    );
  }
  const query = isPlainObject(statement.q) ? statement.q : {};
  const matches = readMatching(context, coll, query);
  const targets = limit === 1 ? matches.slice(0, 1) : matches;
  if (targets.length === 0) return 0;
  const rids = targets.map(({ rid }) => rid);
  access.assertWritable(db, coll, rids);
  access.delete(db, coll, rids);
  return targets.length;
}

async function deleteCommand(context: CommandContext): Promise<Document> {
  const { body, state } = context;
  const coll = collectionName(body, 'delete');
  const statements = documentArray(body, 'deletes');
  const ordered = optionalBoolean(body, 'ordered', true);
  let n = 0;
  state.counters.delete += statements.length;
  const writeErrors = await runStatements(statements, ordered, (statement) => {
    n += runDeleteStatement(context, coll, statement);
  });
  return { n, ...(writeErrors.length > 0 ? { writeErrors } : {}) };
}

export const deleteCommands: CommandDefinition[] = [
  { names: ['delete'], handler: deleteCommand, counter: 'self', retryableWrite: true },
];
