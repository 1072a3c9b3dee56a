import { calculateObjectSize, type Document } from 'bson';
import { compileFilter } from '../engine/index.js';
import { mongoError } from '../mongo-error.js';
import { isPlainObject } from '../storage/document-path.js';
import { idIndexSpec } from '../storage/index-spec.js';
import { collectionName, nonNegative, optionalBoolean, optionalDocument } from './command-args.js';
import type { CommandContext, CommandDefinition } from './command-context.js';

function listCollections(context: CommandContext): Document {
  const { body, db, state } = context;
  const nameOnly = optionalBoolean(body, 'nameOnly', false);
  const filter = optionalDocument(body, 'filter');
  const matches = filter !== undefined ? compileFilter(filter) : () => true;
  const entries = state.storage.catalog
    .collections(db)
    .map((collection): Document => ({
      name: collection.name,
      type: 'collection',
      options: collection.options,
      info: { readOnly: false, uuid: collection.uuid },
      idIndex: idIndexSpec(),
    }))
    .filter(matches)
    .sort((a, b) => String(a.name).localeCompare(String(b.name)))
    .map((entry) => (nameOnly ? { name: entry.name as unknown, type: 'collection' } : entry));
  const batchSize = isPlainObject(body.cursor) ? nonNegative(body.cursor, 'batchSize') : undefined;
  const ns = `${db}.$cmd.listCollections`;
  const batch = state.cursors.open(ns, entries, batchSize, false);
  return { cursor: { id: batch.cursorId, ns, firstBatch: batch.docs } };
}

/** Collection kinds this server does not implement; everything else is accepted. */
const UNSUPPORTED_CREATE_OPTIONS = ['capped', 'viewOn', 'timeseries', 'clusteredIndex'];

function create(context: CommandContext): Document {
  const { body, db, state } = context;
  const coll = collectionName(body, 'create');
  for (const option of UNSUPPORTED_CREATE_OPTIONS) {
    if (body[option] !== undefined && body[option] !== false) {
      throw mongoError(
        'InvalidOptions',
        `create option '${option}' is not supported by mongo-embedded`,
      );
    }
  }
  if (state.storage.catalog.get(db, coll) !== undefined) {
    throw mongoError('NamespaceExists', `Collection ${db}.${coll} already exists.`);
  }
  const options: Document = {};
  for (const key of ['validator', 'validationLevel', 'validationAction', 'collation']) {
    const value: unknown = body[key];
    if (value !== undefined) options[key] = value;
  }
  state.storage.createCollection(db, coll, options);
  return {};
}

function drop(context: CommandContext): Document {
  const { body, db, state } = context;
  const coll = collectionName(body, 'drop');
  const dropped = state.storage.dropCollection(db, coll);
  // MongoDB 7.0 answers ok for a missing collection instead of NamespaceNotFound.
  if (dropped === undefined) return {};
  state.cursors.killNamespace(`${db}.${coll}`);
  return { nIndexesWas: dropped.indexes.size, ns: `${db}.${coll}` };
}

function dropDatabase(context: CommandContext): Document {
  const { db, state } = context;
  state.storage.dropDatabase(db);
  state.cursors.killNamespace(db);
  return {};
}

function listDatabases(context: CommandContext): Document {
  const { body, state } = context;
  const nameOnly = optionalBoolean(body, 'nameOnly', false);
  const filter = optionalDocument(body, 'filter');
  const matches = filter !== undefined ? compileFilter(filter) : () => true;
  let totalSize = 0;
  const databases = state.storage.catalog
    .databaseNames()
    .map((name): Document => {
      const sizeOnDisk = state.storage.catalog
        .collections(name)
        .reduce((sum, collection) => sum + approximateSize(collection.records.values()), 0);
      totalSize += sizeOnDisk;
      return { name, sizeOnDisk, empty: sizeOnDisk === 0 };
    })
    .filter(matches)
    .map((entry) => (nameOnly ? { name: entry.name as unknown } : entry));
  return nameOnly
    ? { databases }
    : { databases, totalSize, totalSizeMb: Math.round(totalSize / 1e6) };
}

function dbStats(context: CommandContext): Document {
  const { db, state } = context;
  const collections = state.storage.catalog.collections(db);
  const objects = collections.reduce((sum, c) => sum + c.records.size, 0);
  const dataSize = collections.reduce((sum, c) => sum + approximateSize(c.records.values()), 0);
  return {
    db,
    collections: collections.length,
    views: 0,
    objects,
    avgObjSize: objects === 0 ? 0 : dataSize / objects,
    dataSize,
    storageSize: dataSize,
    indexes: collections.reduce((sum, c) => sum + c.indexes.size, 0),
    indexSize: 0,
    totalSize: dataSize,
    scaleFactor: 1,
  };
}

/** Sums a sample of BSON sizes: listDatabases must not serialize a whole database. */
function approximateSize(docs: IterableIterator<Document>): number {
  let count = 0;
  let sampled = 0;
  for (const doc of docs) {
    if (count < 100) sampled += calculateObjectSize(doc);
    count++;
  }
  return count === 0 ? 0 : Math.max(4096, Math.round((sampled / Math.min(count, 100)) * count));
}

export const namespaceCommands: CommandDefinition[] = [
  { names: ['listCollections'], handler: listCollections, counter: 'command' },
  { names: ['create'], handler: create, counter: 'command' },
  { names: ['drop'], handler: drop, counter: 'command' },
  { names: ['dropDatabase'], handler: dropDatabase, counter: 'command' },
  { names: ['listDatabases'], handler: listDatabases, counter: 'command' },
  { names: ['dbStats', 'dbstats'], handler: dbStats, counter: 'command' },
];
