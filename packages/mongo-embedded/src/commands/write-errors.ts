import type { Document } from 'bson';
import { MongoError } from '../mongo-error.js';

/** A per-statement error of a bulk write reply (`writeErrors[i]`). */
export function toWriteError(index: number, error: MongoError): Document {
  return {
    index,
    code: error.code,
    codeName: error.codeName,
    errmsg: error.message,
    ...error.extra,
  };
}

/**
 * Runs the statements of a write command. A MongoError in one statement becomes a write error;
 * `ordered` stops at the first one, unordered keeps going (MongoDB's bulk semantics).
 */
export function runStatements<T>(
  statements: readonly T[],
  ordered: boolean,
  run: (statement: T, index: number) => void,
): Document[] {
  const writeErrors: Document[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      run(statements[i] as T, i);
    } catch (error) {
      if (!(error instanceof MongoError)) throw error;
      writeErrors.push(toWriteError(i, error));
      if (ordered) break;
    }
  }
  return writeErrors;
}
