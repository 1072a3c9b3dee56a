import { BadUserInputError } from '@tessera/errors';

export interface ValidateFirstOptions {
  /** The largest page a client may ask for. @defaultValue 100 */
  readonly max?: number;
  /** The page size when `first` is null or omitted. @defaultValue 20 */
  readonly default?: number;
  /** The argument name reported in `extensions.field`. @defaultValue 'first' */
  readonly field?: string;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Checks a connection's `first` argument and returns the page size to fetch.
 * @throws BadUserInputError (BAD_USER_INPUT) when `first` is negative, not a whole number or above `max`.
 */
export function validateFirst(
  first: number | null | undefined,
  options: ValidateFirstOptions = {},
): number {
  const max = options.max ?? MAX_PAGE_SIZE;
  const field = options.field ?? 'first';
  if (first === null || first === undefined)
    return options.default ?? Math.min(DEFAULT_PAGE_SIZE, max);
  if (!Number.isInteger(first) || first < 0) {
    throw new BadUserInputError(`"${field}" must be a whole number between 0 and ${max}.`, field);
  }
  if (first > max) {
    throw new BadUserInputError(`"${field}" must be at most ${max} (got ${first}).`, field);
  }
  return first;
}
