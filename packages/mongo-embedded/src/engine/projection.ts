import type { Document } from 'bson';

// STUB: replaced by the engine work.
export function applyProjection(doc: Document, _projection: Document | undefined): Document {
  return doc;
}
