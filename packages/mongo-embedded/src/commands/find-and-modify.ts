import type { Document } from 'bson';
import { applyProjection, sortDocuments } from '../engine/index.js';
import { mongoError } from '../mongo-error.js';
import { isPlainObject } from '../storage/document-path.js';
import { collectionName, optionalBoolean, optionalDocument } from './command-args.js';
import { readMatching, type CommandContext, type CommandDefinition } from './command-context.js';

import { retryOnLock } from './write-errors.js';
import { sameDocument, updatedDocument, upsertDocument } from './update-document.js';

function findAndModify(context: CommandContext): Document {
  const { access, body, db } = context;
  const coll = collectionName(body, Object.keys(body)[0] ?? 'findAndModify');
  const query = optionalDocument(body, 'query') ?? {};
  const sort = optionalDocument(body, 'sort');
  const fields = optionalDocument(body, 'fields');
  const remove = optionalBoolean(body, 'remove', false);
  const returnNew = optionalBoolean(body, 'new', false);
  const upsert = optionalBoolean(body, 'upsert', false);
  const update: unknown = body.update;
  const hasUpdate = update !== undefined && update !== null;
  if (remove && hasUpdate) {
    throw mongoError('FailedToParse', 'Cannot specify both an update and remove=true');
  }
  if (!remove && !hasUpdate) {
    throw mongoError('FailedToParse', 'Either an update or remove=true must be specified');
  }
  if (remove && (returnNew || upsert)) {
    throw mongoError(
      'FailedToParse',
      'Cannot specify both new=true and remove=true; or upsert and remove',
    );
  }
  if (
    hasUpdate &&
    !isPlainObject(update) &&
    !(Array.isArray(update) && update.every(isPlainObject))
  ) {
    throw mongoError('FailedToParse', "BSON field 'update' must be an object or an array");
  }
  const project = (doc: Document | null): Document | null =>
    doc === null || fields === undefined ? doc : applyProjection(doc, fields, { query });

  let matches = readMatching(context, coll, query);
  if (sort !== undefined && Object.keys(sort).length > 0 && matches.length > 1) {
    const ridOf = new Map(matches.map((m) => [m.doc, m.rid]));
    matches = sortDocuments(
      matches.map((m) => m.doc),
      sort,
    ).map((doc) => ({ doc, rid: ridOf.get(doc) ?? 0 }));
  }
  const target = matches[0];

  if (remove) {
    if (target === undefined) return { lastErrorObject: { n: 0 }, value: null };
    access.assertWritable(db, coll, [target.rid]);
    access.delete(db, coll, [target.rid]);
    return { lastErrorObject: { n: 1 }, value: project(target.doc) };
  }
  const spec = {
    query,
    update: update as Document | Document[],
    arrayFilters: Array.isArray(body.arrayFilters) ? (body.arrayFilters as Document[]) : undefined,
    now: new Date(),
  };
  if (target === undefined) {
    if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
    const doc = upsertDocument(spec);
    access.insert(db, coll, doc);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id as unknown },
      value: returnNew ? project(doc) : null,
    };
  }
  const next = updatedDocument(target.doc, spec);
  if (!sameDocument(target.doc, next)) {
    access.assertWritable(db, coll, [target.rid]);
    access.replace(db, coll, target.rid, next);
  }
  return {
    lastErrorObject: { n: 1, updatedExisting: true },
    value: project(returnNew ? next : target.doc),
  };
}

export const findAndModifyCommands: CommandDefinition[] = [
  {
    names: ['findAndModify', 'findandmodify'],
    handler: (context) => retryOnLock(() => findAndModify(context)),
    retryableWrite: true,
    counter: 'command',
  },
];
