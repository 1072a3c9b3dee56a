import type { Document } from 'bson';
import { MongoError } from '../mongo-error.js';
import { TransactionLockWait } from '../storage/transaction-manager.js';

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
 * Runs `run` to completion. A write outside a transaction that meets a record a transaction
 * holds waits for that transaction to end, then runs again from the start, as mongod blocks
 * such writes. `run` must not have written anything when it throws TransactionLockWait.
 */
export async function retryOnLock<T>(run: () => T): Promise<T> {
  for (;;) {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof TransactionLockWait)) throw error;
      await error.holder.finished();
    }
  }
}

/**
 * Runs the statements of a write command. A MongoError in one statement becomes a write error;
 * `ordered` stops at the first one, unordered keeps going (MongoDB's bulk semantics). Errors
 * carrying labels (WriteConflict in a transaction) fail the whole command, as in MongoDB, so
 * the driver sees the label and can retry the transaction.
 */
export async function runStatements<T>(
  statements: readonly T[],
  ordered: boolean,
  run: (statement: T, index: number) => void,
): Promise<Document[]> {
  const writeErrors: Document[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      await retryOnLock(() => run(statements[i] as T, i));
    } catch (error) {
      if (!(error instanceof MongoError) || error.errorLabels.length > 0) throw error;
      writeErrors.push(toWriteError(i, error));
      if (ordered) break;
    }
  }
  return writeErrors;
}
