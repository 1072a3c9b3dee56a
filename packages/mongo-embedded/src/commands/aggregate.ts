import type { Document } from 'bson';
import { runPipeline } from '../engine/index.js';
import { mongoError } from '../mongo-error.js';
import { isPlainObject } from '../storage/document-path.js';
import type { PlanStats } from '../storage/query-planner.js';
import { nonNegative } from './command-args.js';
import {
  commandVariables,
  readMatching,
  type CommandContext,
  type CommandDefinition,
} from './command-context.js';

const UNSUPPORTED_STAGES = ['$out', '$merge', '$changeStream', '$currentOp', '$listSessions'];

/** Runs a pipeline; a leading `$match` is answered through the indexes first. */
export function runAggregation(
  context: CommandContext,
  coll: string | undefined,
  pipeline: readonly Document[],
  stats?: PlanStats,
): Document[] {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0] ?? '';
    if (UNSUPPORTED_STAGES.includes(name)) {
      throw mongoError('NotImplemented', `${name} is not supported by mongo-embedded`);
    }
  }
  const first = pipeline[0];
  const leadingMatch =
    first !== undefined && isPlainObject(first.$match) ? first.$match : undefined;
  const input =
    coll === undefined
      ? []
      : readMatching(context, coll, leadingMatch ?? {}, stats).map((r) => r.doc);
  const rest = leadingMatch !== undefined ? pipeline.slice(1) : pipeline;
  const variables = commandVariables(context.body);
  return runPipeline(input, rest, {
    collection: (name) => readMatching(context, name, {}).map((r) => r.doc),
    now: new Date(),
    ...(variables !== undefined ? { variables } : {}),
  });
}

export function parsePipeline(body: Document): Document[] {
  const pipeline: unknown = body.pipeline;
  if (!Array.isArray(pipeline) || !pipeline.every(isPlainObject)) {
    throw mongoError('TypeMismatch', "'pipeline' option must be specified as an array");
  }
  return pipeline;
}

function aggregate(context: CommandContext): Document {
  const { body, db, state } = context;
  const target: unknown = body.aggregate;
  if (typeof target !== 'string' && !(typeof target === 'object' || typeof target === 'number')) {
    throw mongoError('TypeMismatch', "'aggregate' must be a collection name or 1");
  }
  const coll = typeof target === 'string' ? target : undefined;
  const pipeline = parsePipeline(body);
  if (!isPlainObject(body.cursor)) {
    throw mongoError(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  const batchSize = nonNegative(body.cursor, 'batchSize');
  const docs = runAggregation(context, coll, pipeline);
  const ns = `${db}.${coll ?? '$cmd.aggregate'}`;
  const batch = state.cursors.open(ns, docs, batchSize, false);
  return { cursor: { firstBatch: batch.docs, id: batch.cursorId, ns } };
}

export const aggregateCommands: CommandDefinition[] = [
  { names: ['aggregate'], handler: aggregate, counter: 'command' },
];
