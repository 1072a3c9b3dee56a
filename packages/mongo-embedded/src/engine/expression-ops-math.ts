/**
 * Arithmetic expression operators with MongoDB's numeric result types: int32 widens to long on
 * overflow and long to double; a double operand makes a double, a decimal operand a decimal.
 */
import { Long } from 'bson';
import { locationError } from './errors.js';
import type { CompiledExpr, OpCompiler } from './expression.js';
import { argList, compileArgs, isNullish, typeName } from './expression-util.js';
import {
  addNum,
  divideNum,
  fromNum,
  isZero,
  modNum,
  multiplyNum,
  negateNum,
  numToDouble,
  subtractNum,
  toNum,
  truncToBigInt,
  type Num,
} from './numeric.js';
import {
  decimalFromBigInt,
  decimalFromDouble,
  decimalQuantize,
  decimalToNumber,
  type RoundingMode,
} from './decimal.js';

const ZERO: Num = { kind: 'int', v: 0 };

const $add: OpCompiler = (arg, compile) => {
  const items = argList('$add', arg, 0, Infinity).map(compile);
  return (ctx) => {
    let sum: Num = ZERO;
    let date: Date | undefined;
    for (const f of items) {
      const v = f(ctx);
      if (isNullish(v)) return null;
      if (v instanceof Date) {
        if (date) throw locationError(16612, 'only one date allowed in an $add expression');
        date = v;
        continue;
      }
      const n = toNum(v);
      if (!n) {
        throw locationError(16554, `$add only supports numeric or date types, not ${typeName(v)}`);
      }
      sum = addNum(sum, n, 'double') as Num;
    }
    if (date) return new Date(date.getTime() + Math.round(numToDouble(sum)));
    return fromNum(sum);
  };
};

const $subtract: OpCompiler = (arg, compile, name) => {
  const [fa, fb] = compileArgs(name, arg, compile, 2) as [CompiledExpr, CompiledExpr];
  return (ctx) => {
    const a = fa(ctx);
    const b = fb(ctx);
    if (isNullish(a) || isNullish(b)) return null;
    if (a instanceof Date) {
      if (b instanceof Date) return Long.fromNumber(a.getTime() - b.getTime());
      const nb = toNum(b);
      if (nb) return new Date(a.getTime() - Math.round(numToDouble(nb)));
    }
    const na = toNum(a);
    const nb = toNum(b);
    if (!na || !nb) {
      throw locationError(16556, `cant $subtract a ${typeName(b)} from a ${typeName(a)}`);
    }
    return fromNum(subtractNum(na, nb));
  };
};

const $multiply: OpCompiler = (arg, compile) => {
  const items = argList('$multiply', arg, 0, Infinity).map(compile);
  return (ctx) => {
    let product: Num = { kind: 'int', v: 1 };
    for (const f of items) {
      const v = f(ctx);
      if (isNullish(v)) return null;
      const n = toNum(v);
      if (!n)
        throw locationError(16555, `$multiply only supports numeric types, not ${typeName(v)}`);
      product = multiplyNum(product, n, 'double') as Num;
    }
    return fromNum(product);
  };
};

function binary(
  name: string,
  zeroCode: number,
  typeCode: number,
  op: (a: Num, b: Num) => Num,
): OpCompiler {
  return (arg, compile) => {
    const [fa, fb] = compileArgs(name, arg, compile, 2) as [CompiledExpr, CompiledExpr];
    return (ctx) => {
      const a = fa(ctx);
      const b = fb(ctx);
      if (isNullish(a) || isNullish(b)) return null;
      const na = toNum(a);
      const nb = toNum(b);
      if (!na || !nb) {
        throw locationError(
          typeCode,
          `${name} only supports numeric types, not ${typeName(a)} and ${typeName(b)}`,
        );
      }
      if (isZero(nb)) throw locationError(zeroCode, `can't ${name} by zero`);
      return fromNum(op(na, nb));
    };
  };
}

/** A one-argument numeric operator; null and missing give null. */
function unary(name: string, op: (n: Num) => Num): OpCompiler {
  return (arg, compile) => {
    const [f] = compileArgs(name, arg, compile, 1) as [CompiledExpr];
    return (ctx) => {
      const v = f(ctx);
      if (isNullish(v)) return null;
      const n = toNum(v);
      if (!n) throw locationError(28765, `${name} only supports numeric types, not ${typeName(v)}`);
      return fromNum(op(n));
    };
  };
}

/** Double math; a decimal input gives a decimal (computed through a double). */
function viaDouble(name: string, fn: (x: number) => number): OpCompiler {
  return unary(name, (n) => {
    const r = fn(numToDouble(n));
    return n.kind === 'decimal'
      ? { kind: 'decimal', v: decimalFromDouble(r) }
      : { kind: 'double', v: r };
  });
}

/** Rounds to `places` decimal places, keeping the numeric type. */
export function roundNum(n: Num, places: number, mode: RoundingMode): Num {
  switch (n.kind) {
    case 'decimal':
      return { kind: 'decimal', v: decimalQuantize(n.v, places, mode) };
    case 'double': {
      if (!Number.isFinite(n.v)) return n;
      const q = decimalQuantize(decimalFromDouble(n.v), places, mode);
      return { kind: 'double', v: decimalToNumber(q) };
    }
    default: {
      if (places >= 0) return n;
      const q = decimalQuantize(decimalFromBigInt(BigInt(n.v)), places, mode);
      const r = truncToBigInt({ kind: 'decimal', v: q }) ?? 0n;
      return n.kind === 'int' && r >= -2147483648n && r <= 2147483647n
        ? { kind: 'int', v: Number(r) }
        : { kind: 'long', v: r };
    }
  }
}

/** `$round`/`$trunc` to a number of decimal places (default 0). */
function rounding(name: string, mode: RoundingMode): OpCompiler {
  return (arg, compile) => {
    const [f, fp] = compileArgs(name, arg, compile, 1, 2) as [CompiledExpr, CompiledExpr?];
    return (ctx) => {
      const v = f(ctx);
      const pv = fp ? fp(ctx) : 0;
      if (isNullish(v) || isNullish(pv)) return null;
      const n = toNum(v);
      const p = toNum(pv);
      if (!n) throw locationError(51081, `${name} only supports numeric types, not ${typeName(v)}`);
      const places = p ? numToDouble(p) : NaN;
      if (!Number.isInteger(places) || places < -20 || places > 100) {
        throw locationError(51083, `cannot apply ${name} with precision value ${places}`);
      }
      return fromNum(roundNum(n, places, mode));
    };
  };
}

const integral = (name: string, mode: RoundingMode): OpCompiler =>
  unary(name, (n) => roundNum(n, 0, mode));

const $pow: OpCompiler = (arg, compile, name) => {
  const [fa, fb] = compileArgs(name, arg, compile, 2) as [CompiledExpr, CompiledExpr];
  return (ctx) => {
    const a = fa(ctx);
    const b = fb(ctx);
    if (isNullish(a) || isNullish(b)) return null;
    const na = toNum(a);
    const nb = toNum(b);
    if (!na || !nb) throw locationError(28762, `$pow's base must be numeric, not ${typeName(a)}`);
    if (isZero(na) && numToDouble(nb) < 0) {
      throw locationError(28764, '$pow cannot take a base of 0 and a negative exponent');
    }
    const r = Math.pow(numToDouble(na), numToDouble(nb));
    const ints =
      (na.kind === 'int' || na.kind === 'long') && (nb.kind === 'int' || nb.kind === 'long');
    if (ints && numToDouble(nb) >= 0 && Number.isSafeInteger(r)) {
      const big = BigInt(na.v) ** BigInt(nb.v);
      const kind = na.kind === 'long' || nb.kind === 'long' ? 'long' : 'int';
      if (kind === 'int' && big >= -2147483648n && big <= 2147483647n)
        return fromNum({ kind, v: Number(big) });
      return fromNum({ kind: 'long', v: big });
    }
    return fromNum(
      na.kind === 'decimal' || nb.kind === 'decimal'
        ? { kind: 'decimal', v: decimalFromDouble(r) }
        : { kind: 'double', v: r },
    );
  };
};

const $abs = unary('$abs', (n) =>
  n.kind === 'decimal'
    ? { kind: 'decimal', v: { ...n.v, ...(n.v.kind === 'nan' ? {} : { neg: false }) } }
    : numToDouble(n) < 0 || Object.is(numToDouble(n), -0)
      ? negateNum(n)
      : n,
);

export const mathOps: Readonly<Record<string, OpCompiler>> = {
  $add,
  $subtract,
  $multiply,
  $divide: binary('$divide', 16608, 16609, divideNum),
  $mod: binary('$mod', 16610, 16611, modNum),
  $abs,
  $ceil: integral('$ceil', 'ceil'),
  $floor: integral('$floor', 'floor'),
  $trunc: rounding('$trunc', 'trunc'),
  $round: rounding('$round', 'halfEven'),
  $sqrt: viaDouble('$sqrt', Math.sqrt),
  $exp: viaDouble('$exp', Math.exp),
  $ln: viaDouble('$ln', Math.log),
  $log10: viaDouble('$log10', Math.log10),
  $pow,
};
