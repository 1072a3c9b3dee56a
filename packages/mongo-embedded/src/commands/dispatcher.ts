import type { Document } from 'bson';
import { asNumber } from '../bson-number.js';
import { MongoError, mongoError } from '../mongo-error.js';
import type { Transaction } from '../storage/transaction.js';
import type { ServerState } from '../server/server-state.js';
import type { CommandContext, CommandDefinition } from './command-context.js';
import { buildCommandRegistry } from './command-registry.js';
import { committedAccess, transactionAccess } from './data-access.js';
import { resolveTransaction } from './transaction-router.js';

export interface DispatchOptions {
  readonly connectionId: number;
  /** True for a command that arrived as a legacy OP_QUERY. */
  readonly legacy?: boolean;
}

/**
 * Runs one command and always resolves to a reply: any exception becomes `ok: 0` (MongoError
 * keeps its code; anything else is InternalError 1 and is logged), never a crash.
 */
export class Dispatcher {
  private readonly registry: Map<string, CommandDefinition> = buildCommandRegistry();

  constructor(private readonly state: ServerState) {}

  async run(body: Document, options: DispatchOptions): Promise<Document> {
    const name = Object.keys(body)[0] ?? '';
    const definition = this.registry.get(name);
    let txn: Transaction | undefined;
    try {
      if (definition === undefined) {
        this.state.counters.command++;
        throw mongoError('CommandNotFound', `no such command: '${name}'`);
      }
      this.count(definition);
      if (options.legacy === true && definition.allowedInOpQuery !== true) {
        throw new MongoError(
          352,
          'UnsupportedOpQueryCommand',
          `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`,
        );
      }
      const db: unknown = body.$db;
      if (typeof db !== 'string' || db.length === 0) {
        throw new MongoError(40571, 'Location40571', 'OP_MSG requests require a $db argument');
      }
      const { state } = this;
      state.sessions.reap(Date.now());
      const session = state.sessions.resolve(body.lsid);
      if (body.autocommit === false) txn = resolveTransaction(state, session, body, name);
      const txnNumber = asNumber(body.txnNumber);
      const retryable =
        txn === undefined && definition.retryableWrite === true && txnNumber !== undefined
          ? session
          : undefined;
      if (retryable !== undefined && txnNumber !== undefined) {
        const cached = retryable.retry;
        // A retried write (same lsid and txnNumber) gets the first reply; nothing runs again.
        if (cached?.txnNumber === txnNumber && cached.command === name) return cached.reply;
        if (txnNumber < retryable.txnNumber) {
          throw mongoError(
            'TransactionTooOld',
            `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer retryable write with txnNumber ${retryable.txnNumber} has already started on this session.`,
          );
        }
        if (retryable.txn !== undefined) state.transactions.abort(retryable.txn, 'superseded');
        retryable.txnNumber = txnNumber;
      }
      const context: CommandContext = {
        db,
        body,
        state,
        connectionId: options.connectionId,
        access:
          txn !== undefined
            ? transactionAccess(state.transactions, txn)
            : committedAccess(state.storage, state.transactions),
        ...(txn !== undefined ? { txn } : {}),
      };
      const reply: Document = { ...(await definition.handler(context)), ok: 1 };
      // In a transaction, a failed write aborts the transaction, as in MongoDB.
      if (txn?.state === 'in-progress' && Array.isArray(reply.writeErrors)) {
        state.transactions.abort(txn, 'a write in the transaction failed');
      }
      if (retryable !== undefined && txnNumber !== undefined) {
        retryable.retry = { txnNumber, command: name, reply };
      }
      return reply;
    } catch (error) {
      if (txn?.state === 'in-progress') {
        this.state.transactions.abort(txn, `'${name}' failed in the transaction`);
      }
      return this.errorReply(name, error);
    }
  }

  private count(definition: CommandDefinition): void {
    const counters = this.state.counters;
    if (definition.counter === 'query') counters.query++;
    else if (definition.counter === 'getmore') counters.getmore++;
    else if (definition.counter === 'command') counters.command++;
  }

  private errorReply(name: string, error: unknown): Document {
    if (error instanceof MongoError) return error.toReply();
    const message = error instanceof Error ? error.message : String(error);
    this.state.logger.error(
      `command '${name}' failed: ${error instanceof Error ? (error.stack ?? message) : message}`,
    );
    return { ok: 0, errmsg: message, code: 1, codeName: 'InternalError' };
  }
}
