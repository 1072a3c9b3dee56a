import type { Document } from 'bson';
import type { ServerState } from '../server/server-state.js';

export interface CommandContext {
  /** The target database (`$db`). */
  readonly db: string;
  readonly body: Document;
  readonly state: ServerState;
  readonly connectionId: number;
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
}
