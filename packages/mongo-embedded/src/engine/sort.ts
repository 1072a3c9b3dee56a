import type { Document } from 'bson';

// STUB: replaced by the engine work.
export function compileSort(_sort: Document): (a: Document, b: Document) => number {
  return () => 0;
}
