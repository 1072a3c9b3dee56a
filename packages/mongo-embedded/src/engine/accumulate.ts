/**
 * The arithmetic of `$sum`, `$avg`, `$min` and `$max`, shared by `$group` accumulators and their
 * expression forms. Non-numeric values are ignored by `$sum`/`$avg`; null and missing by
 * `$min`/`$max`.
 */
import { Int32 } from 'bson';
import { compareValues } from './compare.js';
import { addNum, divideNum, fromNum, toNum, type Num } from './numeric.js';

export class SumState {
  private sum: Num = { kind: 'int', v: 0 };
  count = 0;

  add(v: unknown): void {
    const n = toNum(v);
    if (!n) return;
    this.sum = addNum(this.sum, n, 'double') as Num;
    this.count++;
  }

  total(): unknown {
    return fromNum(this.sum);
  }

  average(): unknown {
    if (this.count === 0) return null;
    return fromNum(divideNum(this.sum, { kind: 'int', v: this.count }));
  }
}

export class MinMaxState {
  private best: unknown = undefined;

  constructor(private readonly sign: 1 | -1) {}

  add(v: unknown): void {
    if (v === null || v === undefined) return;
    if (this.best === undefined || compareValues(v, this.best) * this.sign > 0) this.best = v;
  }

  result(): unknown {
    return this.best ?? null;
  }
}

export function sumOf(values: readonly unknown[]): unknown {
  const s = new SumState();
  values.forEach((v) => s.add(v));
  return s.count === 0 ? new Int32(0) : s.total();
}

export function avgOf(values: readonly unknown[]): unknown {
  const s = new SumState();
  values.forEach((v) => s.add(v));
  return s.average();
}

export function extremeOf(values: readonly unknown[], sign: 1 | -1): unknown {
  const s = new MinMaxState(sign);
  values.forEach((v) => s.add(v));
  return s.result();
}
