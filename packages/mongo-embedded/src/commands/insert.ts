import type { Document } from 'bson';
import { collectionName, documentArray, optionalBoolean } from './command-args.js';
import type { CommandContext, CommandDefinition } from './command-context.js';
import { prepareForStorage } from './prepare-document.js';
import { runStatements } from './write-errors.js';

function insert(context: CommandContext): Document {
  const { body, db, state } = context;
  const coll = collectionName(body, 'insert');
  const documents = documentArray(body, 'documents');
  const ordered = optionalBoolean(body, 'ordered', true);
  let n = 0;
  const writeErrors = runStatements(documents, ordered, (doc) => {
    state.counters.insert++;
    state.storage.apply([{ kind: 'insert', db, coll, doc: prepareForStorage(doc) }]);
    n++;
  });
  return { n, ...(writeErrors.length > 0 ? { writeErrors } : {}) };
}

export const insertCommands: CommandDefinition[] = [
  { names: ['insert'], handler: insert, counter: 'self' },
];
