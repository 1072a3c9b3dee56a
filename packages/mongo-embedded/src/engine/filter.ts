import type { Document } from 'bson';

// STUB: replaced by the engine work. Signature is the contract.
export function compileFilter(_filter: Document): (doc: Document) => boolean {
  return () => true;
}
