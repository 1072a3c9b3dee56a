import type { Document } from 'bson';
import { compareValues } from '../engine/index.js';
import { mongoError } from '../mongo-error.js';
import { collectPathValues } from '../storage/document-path.js';
import type { PlanStats } from '../storage/query-planner.js';
import { collectionName, nonNegative, optionalDocument } from './command-args.js';
import { readMatching, type CommandContext, type CommandDefinition } from './command-context.js';

export function countDocuments(context: CommandContext, body: Document, stats?: PlanStats): number {
  const coll = collectionName(body, 'count');
  const query = optionalDocument(body, 'query') ?? {};
  const skip = nonNegative(body, 'skip') ?? 0;
  const limit = Math.abs(Number(body.limit ?? 0)) || Infinity;
  const matched = readMatching(context, coll, query, stats).length;
  return Math.max(0, Math.min(matched - skip, limit));
}

export function distinctValues(
  context: CommandContext,
  body: Document,
  stats?: PlanStats,
): unknown[] {
  const coll = collectionName(body, 'distinct');
  const key: unknown = body.key;
  if (typeof key !== 'string' || key.length === 0) {
    throw mongoError('TypeMismatch', "BSON field 'distinct.key' is missing or not a string");
  }
  const query = optionalDocument(body, 'query') ?? {};
  const values: unknown[] = [];
  for (const { doc } of readMatching(context, coll, query, stats)) {
    values.push(...collectPathValues(doc, key, false).values.filter((v) => v !== undefined));
  }
  values.sort(compareValues);
  return values.filter((v, i) => i === 0 || compareValues(values[i - 1], v) !== 0);
}

export const countDistinctCommands: CommandDefinition[] = [
  {
    names: ['count'],
    handler: (context) => ({ n: countDocuments(context, context.body) }),
    counter: 'command',
  },
  {
    names: ['distinct'],
    handler: (context) => ({ values: distinctValues(context, context.body) }),
    counter: 'command',
  },
];
