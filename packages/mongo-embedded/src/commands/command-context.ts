import type { Document } from 'bson';
import type { ServerState } from '../server/server-state.js';
import type { Transaction } from '../storage/transaction.js';
import type { DataAccess } from './data-access.js';

export interface CommandContext {
  /** The target database (`$db`). */
  readonly db: string;
  readonly body: Document;
  readonly state: ServerState;
  readonly connectionId: number;
  /** Reads and writes documents: committed data, or the transaction's view of it. */
  readonly access: DataAccess;
  /** The transaction the command runs in, if any. */
  readonly txn?: Transaction;
}

/** A command returns its reply without `ok` (added by the dispatcher) or throws MongoError. */
export type CommandHandler = (context: CommandContext) => Document | Promise<Document>;

/** Which opcounter a command bumps; write commands count their own statements. */
export type CounterKind = 'query' | 'getmore' | 'command' | 'self';

export interface CommandDefinition {
  readonly names: readonly string[];
  readonly handler: CommandHandler;
  readonly counter: CounterKind;
  /** Only the handshake may arrive as legacy OP_QUERY (MongoDB 5.1+ rejects the rest). */
  readonly allowedInOpQuery?: boolean;
  /** A write the driver may retry with the same `txnNumber` (retryable writes). */
  readonly retryableWrite?: boolean;
}

/** The command's `let` variables (constants), available as `$$name` in `$expr`. */
export function commandVariables(body: Document): Record<string, unknown> | undefined {
  const value: unknown = body.let;
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The documents of `db.coll` matching `filter`, as the command's reader sees them. */
export function readMatching(
  context: CommandContext,
  coll: string,
  filter: Document,
  stats?: Parameters<DataAccess['find']>[3],
): ReturnType<DataAccess['find']> {
  const variables = commandVariables(context.body);
  return context.access.find(
    context.db,
    coll,
    filter,
    stats,
    variables !== undefined ? { variables } : undefined,
  );
}
