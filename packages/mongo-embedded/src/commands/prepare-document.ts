import { calculateObjectSize, ObjectId, type Document } from 'bson';
import { mongoError } from '../mongo-error.js';
import { MAX_BSON_OBJECT_SIZE } from '../wire/opcodes.js';

/**
 * MongoDB's 16 MiB document limit, with the code mongod 7 gives for each path: BadValue (2)
 * for an insert, 17419 for an update's result, 17420 for an upserted document.
 */
export function checkDocumentSize(doc: Document, kind: 'insert' | 'update' | 'upsert'): void {
  const size = calculateObjectSize(doc, { ignoreUndefined: true });
  if (size <= MAX_BSON_OBJECT_SIZE) return;
  if (kind === 'update') {
    throw mongoError(
      'Location17419',
      `Resulting document after update is larger than ${MAX_BSON_OBJECT_SIZE}`,
    );
  }
  if (kind === 'upsert') {
    throw mongoError('Location17420', `Document to upsert is larger than ${MAX_BSON_OBJECT_SIZE}`);
  }
  throw mongoError(
    'BadValue',
    `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`,
  );
}

export function checkIdValue(id: unknown): void {
  if (Array.isArray(id)) {
    throw mongoError('BadValue', "The '_id' value cannot be of type array");
  }
  if (
    id instanceof RegExp ||
    (id !== null &&
      typeof id === 'object' &&
      '_bsontype' in id &&
      (id as { _bsontype: string })._bsontype === 'BSONRegExp')
  ) {
    throw mongoError('BadValue', "can't use a regex for _id");
  }
  if (id === undefined) throw mongoError('BadValue', "can't use undefined for _id");
}

/** A document ready to store: `_id` first (generated when absent), valid and within size. */
export function prepareForStorage(doc: Document, kind: 'insert' | 'upsert' = 'insert'): Document {
  let prepared: Document;
  if (!('_id' in doc)) {
    prepared = { _id: new ObjectId(), ...doc };
  } else {
    checkIdValue(doc._id);
    prepared = Object.keys(doc)[0] === '_id' ? doc : { _id: doc._id as unknown, ...doc };
  }
  checkDocumentSize(prepared, kind);
  return prepared;
}
