import type { CompareFn } from './index.js';

// STUB: the engine work replaces this with MongoDB's canonical cross-type order.
export const compareValues: CompareFn = (a, b) =>
  String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
export const valuesEqual = (a: unknown, b: unknown): boolean => compareValues(a, b) === 0;
