import type { Document } from 'bson';
import { mongoError } from '../mongo-error.js';
import { isPlainObject } from '../storage/document-path.js';
import { defaultIndexName, normalizeIndexSpec, type IndexSpec } from '../storage/index-spec.js';
import { collectionName, documentArray, nonNegative } from './command-args.js';
import type { CommandContext, CommandDefinition } from './command-context.js';

function createIndexes(context: CommandContext): Document {
  const { body, db, state } = context;
  const coll = collectionName(body, 'createIndexes');
  const raw = documentArray(body, 'indexes');
  if (raw.length === 0) throw mongoError('BadValue', 'Must specify at least one index to create');
  const specs = raw.map((entry) =>
    normalizeIndexSpec(
      entry.name === undefined && isPlainObject(entry.key)
        ? { ...entry, name: defaultIndexName(entry.key) }
        : entry,
    ),
  );
  const existed = state.storage.catalog.get(db, coll) !== undefined;
  const collection = state.storage.createCollection(db, coll);
  const before = collection.indexes.size;
  let created = 0;
  for (const spec of specs) if (state.storage.createIndex(collection, spec)) created++;
  return {
    numIndexesBefore: before,
    numIndexesAfter: collection.indexes.size,
    createdCollectionAutomatically: !existed,
    ...(created === 0 ? { note: 'all indexes already exist' } : {}),
  };
}

function listIndexes(context: CommandContext): Document {
  const { body, db, state } = context;
  const coll = collectionName(body, 'listIndexes');
  const collection = state.storage.catalog.get(db, coll);
  if (collection === undefined) {
    throw mongoError('NamespaceNotFound', `ns does not exist: ${db}.${coll}`);
  }
  const specs: IndexSpec[] = [...collection.indexes.values()].map((index) => index.spec);
  const batchSize = isPlainObject(body.cursor) ? nonNegative(body.cursor, 'batchSize') : undefined;
  const ns = `${db}.${coll}`;
  const batch = state.cursors.open(ns, specs, batchSize, false);
  return { cursor: { id: batch.cursorId, ns, firstBatch: batch.docs } };
}

function dropIndexes(context: CommandContext): Document {
  const { body, db, state } = context;
  const coll = collectionName(body, 'dropIndexes');
  const collection = state.storage.catalog.get(db, coll);
  if (collection === undefined) {
    throw mongoError('NamespaceNotFound', `ns not found ${db}.${coll}`);
  }
  const nIndexesWas = collection.indexes.size;
  const target: unknown = body.index;
  let names: string[];
  if (target === '*') {
    names = [...collection.indexes.keys()].filter((name) => name !== '_id_');
  } else if (typeof target === 'string') {
    names = [target];
  } else if (Array.isArray(target) && target.every((t) => typeof t === 'string')) {
    names = target;
  } else if (isPlainObject(target)) {
    const keyText = JSON.stringify(target);
    const match = [...collection.indexes.values()].find(
      (index) => JSON.stringify(index.spec.key) === keyText,
    );
    if (match === undefined) {
      throw mongoError('IndexNotFound', `can't find index with key: ${keyText}`);
    }
    names = [match.name];
  } else {
    throw mongoError('TypeMismatch', "BSON field 'index' has an invalid type");
  }
  for (const name of names) {
    if (!collection.indexes.has(name)) {
      throw mongoError('IndexNotFound', `index not found with name [${name}]`);
    }
  }
  for (const name of names) state.storage.dropIndex(collection, name);
  return { nIndexesWas };
}

export const indexCommands: CommandDefinition[] = [
  { names: ['createIndexes'], handler: createIndexes, counter: 'command' },
  { names: ['listIndexes'], handler: listIndexes, counter: 'command' },
  { names: ['dropIndexes', 'deleteIndexes'], handler: dropIndexes, counter: 'command' },
];
