import type { Document } from 'bson';
import { findRecords, type MatchedRecord, type PlanStats } from '../storage/query-planner.js';
import type { CommandContext } from './command-context.js';

/** The documents of `db.coll` that match `filter`, as the command's reader sees them. */
export function readMatching(
  context: CommandContext,
  coll: string,
  filter: Document,
  stats?: PlanStats,
): MatchedRecord[] {
  const collection = context.state.storage.catalog.get(context.db, coll);
  if (collection === undefined) return [];
  return findRecords(collection, filter, stats);
}
