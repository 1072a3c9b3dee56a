import { Decimal128, Double, Int32, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import {
  decimalAdd,
  decimalDivide,
  decimalMultiply,
  decimalQuantize,
  parseDecimalString,
  toDecimal128,
} from '../../src/engine/decimal.js';
import {
  addNum,
  fromNum,
  modNum,
  multiplyNum,
  subtractNum,
  toNum,
  type Num,
} from '../../src/engine/numeric.js';
import { numberKey } from '../../src/engine/numeric-exact.js';

const dec = (s: string) => parseDecimalString(s);
const text = (v: ReturnType<typeof parseDecimalString>): string => toDecimal128(v).toString();
const num = (v: unknown): Num => toNum(v) as Num;

describe('decimal arithmetic', () => {
  it('adds keeping the smaller exponent, as IEEE 754 decimal does', () => {
    expect(text(decimalAdd(dec('1.10'), dec('1')))).toBe('2.10');
    expect(text(decimalAdd(dec('0.1'), dec('0.2')))).toBe('0.3');
    expect(text(decimalAdd(dec('-1'), dec('1')))).toBe('0');
  });

  it('rounds results to 34 significant digits, half to even', () => {
    const third = decimalDivide(dec('1'), dec('3'));
    expect(text(third)).toBe('0.3333333333333333333333333333333333');
    expect(text(decimalDivide(dec('2'), dec('3')))).toBe('0.6666666666666666666666666666666667');
    const big = decimalAdd(dec('9999999999999999999999999999999999'), dec('0.5'));
    expect(text(big)).toBe('1.000000000000000000000000000000000E+34');
  });

  it('divides exactly when it can, dropping trailing zeros to the ideal exponent', () => {
    expect(text(decimalDivide(dec('10'), dec('4')))).toBe('2.5');
    expect(text(decimalDivide(dec('6'), dec('2')))).toBe('3');
  });

  it('multiplies adding exponents', () => {
    expect(text(decimalMultiply(dec('1.5'), dec('2')))).toBe('3.0');
  });

  it('handles NaN and infinities', () => {
    expect(text(decimalAdd(dec('Infinity'), dec('-Infinity')))).toBe('NaN');
    expect(text(decimalDivide(dec('1'), dec('0')))).toBe('Infinity');
  });

  it('quantizes with half-even, truncation, floor and ceiling', () => {
    expect(text(decimalQuantize(dec('2.5'), 0, 'halfEven'))).toBe('2');
    expect(text(decimalQuantize(dec('3.5'), 0, 'halfEven'))).toBe('4');
    expect(text(decimalQuantize(dec('-1.25'), 1, 'trunc'))).toBe('-1.2');
    expect(text(decimalQuantize(dec('-1.21'), 1, 'floor'))).toBe('-1.3');
    expect(text(decimalQuantize(dec('1.21'), 1, 'ceil'))).toBe('1.3');
    expect(text(decimalQuantize(dec('1234'), -2, 'halfEven'))).toBe('1.2E+3');
  });
});

describe('numeric type rules', () => {
  it('keeps int32 sums as int32 and widens on overflow', () => {
    expect(fromNum(addNum(num(new Int32(1)), num(new Int32(2)), 'fail') as Num)).toStrictEqual(
      new Int32(3),
    );
    expect(fromNum(addNum(num(new Int32(2147483647)), num(1), 'fail') as Num)).toStrictEqual(
      Long.fromNumber(2147483648),
    );
  });

  it('fails or falls back to a double when a long overflows', () => {
    expect(addNum(num(Long.MAX_VALUE), num(1), 'fail')).toBeUndefined();
    expect(addNum(num(Long.MAX_VALUE), num(1), 'double')?.kind).toBe('double');
    expect(multiplyNum(num(Long.MAX_VALUE), num(2), 'fail')).toBeUndefined();
  });

  it('subtracts and takes remainders with the dividend sign', () => {
    expect(fromNum(subtractNum(num(new Int32(-2147483648)), num(1)))).toStrictEqual(
      Long.fromNumber(-2147483649),
    );
    expect(fromNum(modNum(num(-7), num(3)))).toStrictEqual(new Int32(-1));
    expect(fromNum(modNum(num(new Double(7.5)), num(2)))).toStrictEqual(new Double(1.5));
    expect(String(fromNum(modNum(num(Decimal128.fromString('7.5')), num(2))))).toBe('1.5');
  });

  it('converts a double to decimal with 15 significant digits, as MongoDB does', () => {
    expect(
      String(fromNum(addNum(num(Decimal128.fromString('1')), num(new Double(0.1)), 'fail') as Num)),
    ).toBe('1.100000000000000');
  });

  it('keys numerically equal values identically', () => {
    expect(numberKey(new Double(0.5))).toBe(numberKey(Decimal128.fromString('0.50')));
    expect(numberKey(-0)).toBe(numberKey(0));
    expect(numberKey(NaN)).toBe(numberKey(Decimal128.fromString('NaN')));
    expect(numberKey(2 ** 60)).toBe(numberKey(Decimal128.fromString('1152921504606846976')));
    expect(numberKey(1e300)).not.toBe(numberKey(Decimal128.fromString('1E+300')));
  });
});
