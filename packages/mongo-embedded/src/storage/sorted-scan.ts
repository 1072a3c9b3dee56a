import type { Document } from 'bson';
import { asNumber } from '../bson-number.js';
import { compileFilter, type FilterOptions } from '../engine/index.js';
import type { Collection } from './collection.js';
import { extractBounds } from './index-bounds.js';
import { planFor, type MatchedRecord, type PlanStats } from './query-planner.js';
import { KEY_HIGH, KEY_LOW, type IndexKey, type SortedIndex } from './sorted-index.js';

/**
 * A sorted read with a limit (`find(q).sort({_id: 1}).limit(n)`, the pagination shape) walks an
 * index whose key order is the sort order and stops after `need` matches, instead of sorting
 * every match. Returns undefined when no index fits; the caller then sorts in memory.
 *
 * Only plain indexes qualify: a multikey, sparse or partial index does not hold each document
 * exactly once. Missing fields are indexed as null, which sorts first, as MongoDB sorts them.
 */
export function findSortedByIndex(
  collection: Collection,
  filter: Document,
  sort: Document,
  need: number,
  stats?: PlanStats,
  filterOptions?: FilterOptions,
): MatchedRecord[] | undefined {
  const chosen = indexForSort(collection, sort);
  if (chosen === undefined) return undefined;
  const { index, reverse } = chosen;
  let low: IndexKey = index.fields.map(() => KEY_LOW);
  let high: IndexKey = index.fields.map(() => KEY_HIGH);
  // Bounds on the index's fields (e.g. `_id: {$gt: after}`) narrow the walk.
  const plan = planFor(index, extractBounds(filter));
  const interval = plan?.plan.intervals.length === 1 ? plan.plan.intervals[0] : undefined;
  if (interval !== undefined) [low, high] = interval;
  const matches = compileFilter(filter, filterOptions);
  if (stats !== undefined) {
    stats.stage = 'IXSCAN';
    stats.indexName = index.name;
  }
  const out: MatchedRecord[] = [];
  if (need <= 0) return out;
  for (const rid of index.scan(low, high, reverse)) {
    const doc = collection.records.get(rid);
    if (stats !== undefined) {
      stats.keysExamined++;
      stats.docsExamined++;
    }
    if (doc === undefined || !matches(doc)) continue;
    out.push({ rid: rid, doc });
    if (out.length >= need) break;
  }
  return out;
}

function indexForSort(
  collection: Collection,
  sort: Document,
): { index: SortedIndex; reverse: boolean } | undefined {
  const wanted = Object.entries(sort).map(([path, value]) => ({
    path,
    direction: asNumber(value),
  }));
  if (wanted.length === 0 || wanted.some((w) => w.direction !== 1 && w.direction !== -1)) {
    return undefined;
  }
  for (const index of collection.indexes.values()) {
    const spec = index.spec;
    if (index.multikey || spec.sparse === true || spec.partialFilterExpression !== undefined)
      continue;
    if (index.fields.length < wanted.length) continue;
    const same = wanted.every(
      (w, i) => index.fields[i]?.path === w.path && index.fields[i]?.direction === w.direction,
    );
    const opposite = wanted.every(
      (w, i) =>
        index.fields[i]?.path === w.path && index.fields[i]?.direction === -(w.direction ?? 0),
    );
    if (same || opposite) return { index, reverse: opposite };
  }
  return undefined;
}
