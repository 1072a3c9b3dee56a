import type { Document } from 'bson';
import { asNumber } from '../bson-number.js';
import { mongoError } from '../mongo-error.js';
import { isPlainObject } from '../storage/document-path.js';
import { collectionName, documentArray, optionalBoolean } from './command-args.js';
import type { CommandContext, CommandDefinition } from './command-context.js';
import { readMatching } from './read-documents.js';
import { runStatements } from './write-errors.js';

/** One delete statement (`{q, limit}`); limit 1 removes the first match, 0 removes all. */
export function runDeleteStatement(
  context: CommandContext,
  coll: string,
  statement: Document,
): number {
  const { db, state } = context;
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
  state.storage.apply(targets.map(({ rid }) => ({ kind: 'delete', db, coll, rid }) as const));
  return targets.length;
}

function deleteCommand(context: CommandContext): Document {
  const { body, state } = context;
  const coll = collectionName(body, 'delete');
  const statements = documentArray(body, 'deletes');
  const ordered = optionalBoolean(body, 'ordered', true);
  let n = 0;
  const writeErrors = runStatements(statements, ordered, (statement) => {
    state.counters.delete++;
    n += runDeleteStatement(context, coll, statement);
  });
  return { n, ...(writeErrors.length > 0 ? { writeErrors } : {}) };
}

export const deleteCommands: CommandDefinition[] = [
  { names: ['delete'], handler: deleteCommand, counter: 'self' },
];
