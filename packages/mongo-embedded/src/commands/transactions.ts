import type { Document } from 'bson';
import { mongoError } from '../mongo-error.js';
import type { CommandContext, CommandDefinition } from './command-context.js';

function commitTransaction(context: CommandContext): Document {
  const txn = context.txn;
  if (txn === undefined) {
    throw mongoError('InvalidOptions', 'commitTransaction must be run within a transaction');
  }
  // Committing again (a driver retry) succeeds without applying anything twice.
  if (txn.state === 'in-progress') context.state.transactions.commit(txn);
  return {};
}

function abortTransaction(context: CommandContext): Document {
  const txn = context.txn;
  if (txn === undefined) {
    throw mongoError('InvalidOptions', 'abortTransaction must be run within a transaction');
  }
  context.state.transactions.abort(txn, 'aborted by the client');
  return {};
}

export const transactionCommands: CommandDefinition[] = [
  { names: ['commitTransaction'], handler: commitTransaction, counter: 'command' },
  { names: ['abortTransaction'], handler: abortTransaction, counter: 'command' },
];
