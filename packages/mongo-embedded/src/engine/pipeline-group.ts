/**
 * `$group` and `$sortByCount`. Group keys are hashed with `valueKey`, so numerically equal keys
 * of different numeric types, and null and missing, fall in one group; groups come out in
 * first-seen order.
 */
import { Double, Int32, type Document } from 'bson';
import { MinMaxState, SumState } from './accumulate.js';
import { isDocument } from './bson-type.js';
import { valueKey } from './compare.js';
import { engineError, locationError } from './errors.js';
import { isNumeric, toDouble } from './numeric.js';
import { evaluator, type RunEnv, type Stage, type StageCompiler } from './pipeline-stage.js';
import { compileSort } from './sort.js';

interface Accumulator {
  add(value: unknown): void;
  result(): unknown;
}

type AccumulatorFactory = () => Accumulator;

const ACCUMULATORS: Readonly<Record<string, AccumulatorFactory>> = {
  $sum: () => {
    const s = new SumState();
    return { add: (v) => s.add(v), result: () => (s.count === 0 ? new Int32(0) : s.total()) };
  },
  $avg: () => {
    const s = new SumState();
    return { add: (v) => s.add(v), result: () => s.average() };
  },
  $min: () => new MinMaxResult(-1),
  $max: () => new MinMaxResult(1),
  $first: () => {
    let seen = false;
    let first: unknown = null;
    return {
      add: (v) => {
        if (!seen) [seen, first] = [true, v ?? null];
      },
      result: () => first,
    };
  },
  $last: () => {
    let last: unknown = null;
    return { add: (v) => (last = v ?? null), result: () => last };
  },
  $push: () => {
    const list: unknown[] = [];
    return { add: (v) => v !== undefined && list.push(v), result: () => list };
  },
  $addToSet: () => {
    const seen = new Map<string, unknown>();
    return {
      add: (v) => {
        if (v !== undefined && !seen.has(valueKey(v))) seen.set(valueKey(v), v);
      },
      result: () => [...seen.values()],
    };
  },
  $mergeObjects: () => {
    const out: Record<string, unknown> = {};
    return {
      add: (v) => {
        if (v === null || v === undefined) return;
        if (!isDocument(v)) throw locationError(40400, '$mergeObjects requires object inputs');
        Object.assign(out, v);
      },
      result: () => out,
    };
  },
  $stdDevPop: () => stdDev(false),
  $stdDevSamp: () => stdDev(true),
};

class MinMaxResult implements Accumulator {
  private readonly state: MinMaxState;
  constructor(sign: 1 | -1) {
    this.state = new MinMaxState(sign);
  }
  add(v: unknown): void {
    this.state.add(v);
  }
  result(): unknown {
    return this.state.result();
  }
}

function stdDev(sample: boolean): Accumulator {
  const values: number[] = [];
  return {
    add: (v) => {
      if (isNumeric(v)) values.push(toDouble(v));
    },
    result: () => {
      const n = values.length;
      if (n === 0 || (sample && n === 1)) return null;
      const mean = values.reduce((a, b) => a + b, 0) / n;
      const sq = values.reduce((a, b) => a + (b - mean) ** 2, 0);
      return new Double(Math.sqrt(sq / (sample ? n - 1 : n)));
    },
  };
}

interface FieldSpec {
  readonly name: string;
  readonly factory: AccumulatorFactory;
  readonly arg: (doc: Document, env: RunEnv) => unknown;
}

function parseField(name: string, spec: unknown): FieldSpec {
  if (name.includes('.')) throw locationError(40235, `The field name '${name}' cannot contain '.'`);
  if (!isDocument(spec) || Object.keys(spec).length !== 1) {
    throw locationError(40234, `The field '${name}' must be an accumulator object`);
  }
  const op = Object.keys(spec)[0] as string;
  if (op === '$count') {
    if (!isDocument(spec.$count) || Object.keys(spec.$count).length > 0) {
      throw engineError('BadValue', '$count takes no arguments, i.e. $count:{}');
    }
    return { name, factory: ACCUMULATORS.$sum as AccumulatorFactory, arg: () => new Int32(1) };
  }
  const factory = ACCUMULATORS[op];
  if (!factory) throw locationError(15952, `unknown group operator '${op}'`);
  return { name, factory, arg: evaluator(spec[op]) };
}

export const groupStage: StageCompiler = (spec) => {
  if (!isDocument(spec))
    throw locationError(15947, "a group's fields must be specified in an object");
  if (!('_id' in spec)) throw locationError(15955, 'a group specification must include an _id');
  const id = evaluator(spec._id);
  const fields = Object.entries(spec)
    .filter(([k]) => k !== '_id')
    .map(([k, v]) => parseField(k, v));
  const stage: Stage = (docs, env) => {
    const groups = new Map<string, { id: unknown; accs: Accumulator[] }>();
    for (const doc of docs) {
      const key = id(doc, env) ?? null;
      const hash = valueKey(key);
      let group = groups.get(hash);
      if (!group) {
        group = { id: key, accs: fields.map((f) => f.factory()) };
        groups.set(hash, group);
      }
      fields.forEach((f, i) => (group.accs[i] as Accumulator).add(f.arg(doc, env)));
    }
    return [...groups.values()].map(({ id: groupId, accs }) => {
      const out: Document = { _id: groupId };
      fields.forEach((f, i) => (out[f.name] = (accs[i] as Accumulator).result()));
      return out;
    });
  };
  return stage;
};

export const sortByCountStage: StageCompiler = (spec) => {
  const group = groupStage({ _id: spec, count: { $sum: 1 } }, '$group');
  const byCount = compileSort({ count: -1 });
  return (docs, env) => group(docs, env).sort(byCount);
};
