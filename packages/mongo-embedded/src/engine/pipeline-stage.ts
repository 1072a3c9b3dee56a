/** The shape of compiled pipeline stages, shared by the stage families. */
import type { Document } from 'bson';
import { compileExpression } from './expression.js';

/** What a running pipeline sees: variables (`let`), the clock and the other collections. */
export interface RunEnv {
  readonly vars: Readonly<Record<string, unknown>>;
  readonly now: Date;
  readonly collection: (name: string) => Iterable<Document>;
}

export type Stage = (docs: Document[], env: RunEnv) => Document[];
export type CompiledPipeline = (docs: Iterable<Document>, env: RunEnv) => Document[];
export type StageCompiler = (spec: unknown, name: string) => Stage;

/** An expression evaluated with each document as `$$ROOT` and `$$CURRENT`. */
export function evaluator(expr: unknown): (doc: Document, env: RunEnv) => unknown {
  const f = compileExpression(expr);
  return (doc, env) => f({ root: doc, current: doc, vars: env.vars, now: env.now });
}
