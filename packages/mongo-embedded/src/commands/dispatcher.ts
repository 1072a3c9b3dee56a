import type { Document } from 'bson';
import { MongoError, mongoError } from '../mongo-error.js';
import type { ServerState } from '../server/server-state.js';
import type { CommandContext, CommandDefinition } from './command-context.js';
import { buildCommandRegistry } from './command-registry.js';

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
      const context: CommandContext = {
        db,
        body,
        state: this.state,
        connectionId: options.connectionId,
      };
      const reply = await definition.handler(context);
      return { ...reply, ok: 1 };
    } catch (error) {
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
