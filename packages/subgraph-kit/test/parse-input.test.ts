import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '@tessera/errors';
import { parseInput } from '../src/index.js';

const schema = z.object({
  name: z.string().trim().min(1, 'must not be empty'),
  price: z.object({ cents: z.number().int('must be a whole number') }),
});

function errorOf(run: () => unknown): BadUserInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected a BadUserInputError');
}

describe('parseInput', () => {
  it('returns the parsed (transformed) value for valid input', () => {
    expect(parseInput(schema, { name: '  Mug ', price: { cents: 900 } })).toEqual({
      name: 'Mug',
      price: { cents: 900 },
    });
  });

  it('rejects invalid input with BAD_USER_INPUT naming the first bad field', () => {
    const error = errorOf(() => parseInput(schema, { name: ' ', price: { cents: 1.5 } }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('name: must not be empty');
    expect(error.extensions).toMatchObject({ field: 'name' });
  });

  it('names a nested field by its dotted path', () => {
    const error = errorOf(() => parseInput(schema, { name: 'Mug', price: { cents: 1.5 } }));
    expect(error.message).toBe('price.cents: must be a whole number');
    expect(error.extensions).toMatchObject({ field: 'price.cents' });
  });

  it('gives no field when the input as a whole is wrong', () => {
    const error = errorOf(() => parseInput(schema, 'not an object'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^input: /);
    expect(error.extensions).not.toHaveProperty('field');
  });
});
