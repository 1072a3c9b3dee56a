import type { Document } from 'bson';
import type { PipelineContext } from './index.js';

// STUB: replaced by the engine work.
export function runPipeline(
  docs: Iterable<Document>,
  _pipeline: readonly Document[],
  _context: PipelineContext,
): Document[] {
  return [...docs];
}
