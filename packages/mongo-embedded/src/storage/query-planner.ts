import type { Document } from 'bson';
import { compileFilter, type FilterOptions } from '../engine/index.js';
import type { Collection } from './collection.js';
import { isPlainObject } from './document-path.js';
import { extractBounds, type FieldBounds } from './index-bounds.js';
import {
  KEY_HIGH,
  KEY_LOW,
  type IndexKey,
  type RecordId,
  type SortedIndex,
} from './sorted-index.js';

export interface PlanStats {
  stage: 'IXSCAN' | 'COLLSCAN';
  indexName?: string;
  keysExamined: number;
  docsExamined: number;
}

export interface MatchedRecord {
  readonly rid: RecordId;
  readonly doc: Document;
}

/** Caps the cartesian product of `$in` lists over compound index fields. */
const MAX_INTERVALS = 1000;

interface Plan {
  index: SortedIndex;
  intervals: [IndexKey, IndexKey][];
}

/** Picks the index with the most leading equality fields (then a range), or none. */
export function chooseIndex(collection: Collection, filter: Document): Plan | undefined {
  const bounds = extractBounds(filter);
  if (bounds.size === 0) return undefined;
  let best: { plan: Plan; score: number } | undefined;
  for (const index of collection.indexes.values()) {
    // A partial index lacks documents the query may match unless the query implies its filter.
    if (index.spec.partialFilterExpression !== undefined) continue;
    const plan = planFor(index, bounds);
    if (plan === undefined) continue;
    const score = plan.score * 10 + (index.isUnique ? 2 : 0) - index.fields.length * 0.01;
    if (best === undefined || score > best.score) best = { plan: plan.plan, score };
  }
  return best?.plan;
}

export function planFor(
  index: SortedIndex,
  bounds: Map<string, FieldBounds>,
): { plan: Plan; score: number } | undefined {
  const fields = index.fields;
  const eqSets: unknown[][] = [];
  let product = 1;
  for (const field of fields) {
    const eq = bounds.get(field.path)?.eq;
    if (eq === undefined || product * eq.length > MAX_INTERVALS) break;
    eqSets.push(eq);
    product *= eq.length;
  }
  const rangeField = fields[eqSets.length];
  const range = rangeField !== undefined ? bounds.get(rangeField.path) : undefined;
  const hasRange = range !== undefined && (range.low !== undefined || range.high !== undefined);
  if (eqSets.length === 0 && !hasRange) return undefined;

  let low: unknown = range?.low ?? KEY_LOW;
  let high: unknown = range?.high ?? KEY_HIGH;
  // On a multikey index, different elements may satisfy each end: keep one end only.
  if (index.multikey && low !== KEY_LOW) high = KEY_HIGH;
  if (rangeField?.direction === -1)
    [low, high] = [high === KEY_HIGH ? KEY_LOW : high, low === KEY_LOW ? KEY_HIGH : low];

  let prefixes: unknown[][] = [[]];
  for (const set of eqSets) prefixes = prefixes.flatMap((p) => set.map((v) => [...p, v]));
  const tail = fields.length - eqSets.length - (rangeField !== undefined ? 1 : 0);
  const intervals = prefixes.map((prefix): [IndexKey, IndexKey] => {
    if (rangeField === undefined) return [prefix, prefix];
    return [
      [...prefix, low, ...Array<unknown>(tail).fill(KEY_LOW)],
      [...prefix, high, ...Array<unknown>(tail).fill(KEY_HIGH)],
    ];
  });
  return { plan: { index, intervals }, score: eqSets.length * 2 + (hasRange ? 1 : 0) };
}

/**
 * Index plans whose union holds every match: one plan, or for a top-level `$or` one per branch
 * when every branch can use an index (otherwise a scan is needed anyway).
 */
function choosePlans(collection: Collection, filter: Document): Plan[] | undefined {
  const single = chooseIndex(collection, filter);
  if (single !== undefined) return [single];
  const branches: unknown = filter.$or;
  if (!Array.isArray(branches) || branches.length === 0 || branches.length > 100) return undefined;
  const plans: Plan[] = [];
  for (const branch of branches) {
    if (!isPlainObject(branch)) return undefined;
    const plan = chooseIndex(collection, branch);
    if (plan === undefined) return undefined;
    plans.push(plan);
  }
  return plans;
}

/**
 * The committed records matching `filter`, in record (insertion) order. Uses an index when the
 * filter bounds one, so an `_id` or indexed-field lookup never scans the collection.
 */
export function findRecords(
  collection: Collection,
  filter: Document,
  stats: PlanStats = { stage: 'COLLSCAN', keysExamined: 0, docsExamined: 0 },
  filterOptions?: FilterOptions,
): MatchedRecord[] {
  const matches = compileFilter(filter, filterOptions);
  const out: MatchedRecord[] = [];
  const plans = choosePlans(collection, filter);
  if (plans === undefined) {
    stats.stage = 'COLLSCAN';
    for (const [rid, doc] of collection.records) {
      stats.docsExamined++;
      if (matches(doc)) out.push({ rid, doc });
    }
    return out;
  }
  stats.stage = 'IXSCAN';
  stats.indexName = [...new Set(plans.map((plan) => plan.index.name))].join(',');
  const rids = new Set<RecordId>();
  for (const plan of plans) {
    for (const [low, high] of plan.intervals) {
      for (const rid of plan.index.lookup(low, high, stats)) rids.add(rid);
    }
  }
  const ordered = [...rids].sort((a, b) => a - b);
  for (const rid of ordered) {
    const doc = collection.records.get(rid);
    if (doc === undefined) continue;
    stats.docsExamined++;
    if (matches(doc)) out.push({ rid, doc });
  }
  return out;
}
