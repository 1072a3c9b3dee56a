import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '@tessera/errors';
import { validateFirst } from '../src/index.js';

function rejection(run: () => unknown): BadUserInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected a BadUserInputError');
}

describe('validateFirst', () => {
  it('defaults to 20 when first is null or omitted', () => {
    expect(validateFirst(undefined)).toBe(20);
    expect(validateFirst(null)).toBe(20);
  });

  it('uses the given default', () => {
    expect(validateFirst(null, { default: 5 })).toBe(5);
  });

  it('accepts 0 and the cap itself', () => {
    expect(validateFirst(0)).toBe(0);
    expect(validateFirst(100)).toBe(100);
  });

  it('rejects first above the cap with BAD_USER_INPUT naming first', () => {
    const error = rejection(() => validateFirst(1000));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions['field']).toBe('first');
    expect(error.message).toContain('100');
  });

  it('rejects a negative first', () => {
    expect(rejection(() => validateFirst(-1)).code).toBe('BAD_USER_INPUT');
  });

  it('applies a custom cap and field name', () => {
    expect(validateFirst(10, { max: 10 })).toBe(10);
    const error = rejection(() => validateFirst(11, { max: 10, field: 'reviews.first' }));
    expect(error.extensions['field']).toBe('reviews.first');
  });
});
