import type { Document } from 'bson';
import { mongoError } from '../mongo-error.js';
import { isPlainObject } from '../storage/document-path.js';
import type { PlanStats } from '../storage/query-planner.js';
import { runAggregation, parsePipeline } from './aggregate.js';
import { collectionName, nonNegative, optionalDocument, optionalNumber } from './command-args.js';
import type { CommandContext, CommandDefinition } from './command-context.js';
import { countDocuments, distinctValues } from './count-distinct.js';
import { runQuery } from './find.js';

/**
 * `explain` for find, count, distinct and aggregate: runs the query and reports the access
 * path and the work done, in the shape of MongoDB's `executionStats`, so tests can check
 * that a lookup used an index (`totalDocsExamined`) on this server and on a real one.
 */
function explain(context: CommandContext): Document {
  const inner: unknown = context.body.explain;
  if (!isPlainObject(inner)) throw mongoError('TypeMismatch', "'explain' must be an object");
  const name = Object.keys(inner)[0] ?? '';
  const stats: PlanStats = { stage: 'COLLSCAN', keysExamined: 0, docsExamined: 0 };
  const innerContext: CommandContext = { ...context, body: inner };
  let nReturned: number;
  let coll: string;
  switch (name) {
    case 'find': {
      coll = collectionName(inner, 'find');
      const limit = optionalNumber(inner, 'limit');
      nReturned = runQuery(
        innerContext,
        coll,
        {
          filter: optionalDocument(inner, 'filter') ?? {},
          sort: optionalDocument(inner, 'sort'),
          projection: optionalDocument(inner, 'projection'),
          skip: nonNegative(inner, 'skip'),
          limit: limit !== undefined ? Math.abs(limit) : undefined,
        },
        stats,
      ).length;
      break;
    }
    case 'count':
      coll = collectionName(inner, 'count');
      nReturned = countDocuments(innerContext, inner, stats);
      break;
    case 'distinct':
      coll = collectionName(inner, 'distinct');
      nReturned = distinctValues(innerContext, inner, stats).length;
      break;
    case 'aggregate':
      coll = collectionName(inner, 'aggregate');
      nReturned = runAggregation(innerContext, coll, parsePipeline(inner), stats).length;
      break;
    default:
      throw mongoError(
        'IllegalOperation',
        `explain is not supported for '${name}' by mongo-embedded`,
      );
  }
  const scan =
    stats.stage === 'IXSCAN'
      ? { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: stats.indexName } }
      : { stage: 'COLLSCAN' };
  return {
    explainVersion: '1',
    queryPlanner: {
      namespace: `${context.db}.${coll}`,
      winningPlan: scan,
      rejectedPlans: [],
    },
    executionStats: {
      executionSuccess: true,
      nReturned,
      totalKeysExamined: stats.keysExamined,
      totalDocsExamined: stats.docsExamined,
      executionStages: scan,
    },
    command: inner,
  };
}

export const explainCommands: CommandDefinition[] = [
  { names: ['explain'], handler: explain, counter: 'command' },
];
