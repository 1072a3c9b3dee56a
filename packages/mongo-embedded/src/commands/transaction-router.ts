import type { Document } from 'bson';
import { asNumber } from '../bson-number.js';
import { mongoError } from '../mongo-error.js';
import type { ServerSession } from '../server/session-registry.js';
import type { ServerState } from '../server/server-state.js';
import type { Transaction } from '../storage/transaction.js';

const TRANSIENT = ['TransientTransactionError'];

/** Commands that may run inside a transaction (MongoDB's list, minus what we lack). */
const ALLOWED_IN_TRANSACTION = new Set([
  'find',
  'getMore',
  'killCursors',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'aggregate',
  'count',
  'distinct',
  'commitTransaction',
  'abortTransaction',
  'create',
  'createIndexes',
  'hello',
  'isMaster',
  'ismaster',
  'ping',
  'buildInfo',
  'listCollections',
  'listIndexes',
]);

/**
 * Finds (or starts) the transaction a command with `autocommit: false` belongs to, with the
 * errors MongoDB gives: NoSuchTransaction (251, transient) for an unknown or aborted one,
 * TransactionCommitted (256) after commit, TransactionTooOld (225) for a stale number.
 */
export function resolveTransaction(
  state: ServerState,
  session: ServerSession | undefined,
  body: Document,
  command: string,
): Transaction {
  const txnNumber = asNumber(body.txnNumber);
  if (session === undefined || txnNumber === undefined) {
    throw mongoError('InvalidOptions', 'a transaction needs both lsid and txnNumber');
  }
  if (!ALLOWED_IN_TRANSACTION.has(command)) {
    throw mongoError(
      'OperationNotSupportedInTransaction',
      `Cannot run '${command}' in a multi-document transaction.`,
    );
  }
  if (txnNumber < session.txnNumber) {
    throw mongoError(
      'TransactionTooOld',
      `Cannot start transaction ${txnNumber} on session because a newer transaction ${session.txnNumber} has already started.`,
    );
  }
  if (body.startTransaction === true) {
    if (txnNumber === session.txnNumber) {
      throw mongoError(
        'ConflictingOperationInProgress',
        `Transaction ${txnNumber} has already been started on this session.`,
      );
    }
    if (session.txn !== undefined) state.transactions.abort(session.txn, 'superseded');
    session.txnNumber = txnNumber;
    session.retry = undefined;
    session.txn = state.transactions.begin(txnNumber);
    return session.txn;
  }
  const txn = session.txn;
  if (txn === undefined || txn.txnNumber !== txnNumber) {
    throw mongoError(
      'NoSuchTransaction',
      `Given transaction number ${txnNumber} does not match any in-progress transactions.`,
      {},
      TRANSIENT,
    );
  }
  if (txn.state === 'aborted') {
    throw mongoError(
      'NoSuchTransaction',
      `Transaction with { txnNumber: ${txnNumber} } has been aborted${txn.abortReason !== undefined ? ` (${txn.abortReason})` : ''}.`,
      {},
      TRANSIENT,
    );
  }
  if (txn.state === 'committed' && command !== 'commitTransaction') {
    throw mongoError('TransactionCommitted', `Transaction ${txnNumber} has been committed.`);
  }
  return txn;
}
