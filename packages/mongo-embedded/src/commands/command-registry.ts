import { adminCommands } from './admin.js';
import { aggregateCommands } from './aggregate.js';
import type { CommandDefinition } from './command-context.js';
import { countDistinctCommands } from './count-distinct.js';
import { deleteCommands } from './delete.js';
import { explainCommands } from './explain.js';
import { findAndModifyCommands } from './find-and-modify.js';
import { findCommands } from './find.js';
import { helloCommands } from './hello.js';
import { indexCommands } from './indexes.js';
import { insertCommands } from './insert.js';
import { namespaceCommands } from './namespaces.js';
import { sessionCommands } from './sessions.js';
import { transactionCommands } from './transactions.js';
import { updateCommands } from './update.js';

/** Every command the server answers, by name (MongoDB command names are case-sensitive). */
export function buildCommandRegistry(): Map<string, CommandDefinition> {
  const registry = new Map<string, CommandDefinition>();
  const groups = [
    helloCommands,
    adminCommands,
    findCommands,
    insertCommands,
    updateCommands,
    deleteCommands,
    indexCommands,
    namespaceCommands,
    sessionCommands,
    aggregateCommands,
    countDistinctCommands,
    findAndModifyCommands,
    explainCommands,
    transactionCommands,
  ];
  for (const definition of groups.flat()) {
    for (const name of definition.names) registry.set(name, definition);
  }
  return registry;
}
