import type { Document } from 'bson';
import { collectionName, documentArray, optionalBoolean } from './command-args.js';
import type { CommandContext, CommandDefinition } from './command-context.js';
import { prepareForStorage } from './prepare-document.js';
import { runStatements } from './write-errors.js';

async function insert(context: CommandContext): Promise<Document> {
  const { access, body, db, state } = context;
  const coll = collectionName(body, 'insert');
  const documents = documentArray(body, 'documents');
  const ordered = optionalBoolean(body, 'ordered', true);
  let n = 0;
  const writeErrors = await runStatements(documents, ordered, (doc) => {
    access.insert(db, coll, prepareForStorage(doc));
    n++;
  });
  // mongod counts every document it attempted, failed ones included.
  state.counters.insert += writeErrors.length > 0 && ordered ? n + 1 : documents.length;
  return { n, ...(writeErrors.length > 0 ? { writeErrors } : {}) };
}

export const insertCommands: CommandDefinition[] = [
  { names: ['insert'], handler: insert, counter: 'self', retryableWrite: true },
];
