import { describe, expect, it } from 'vitest';
import type { Document } from 'mongodb';
import { drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

interface WriteErrorShape {
  readonly index: number;
  readonly code: number;
  readonly errmsg?: string;
}

/** `writeErrors` of a MongoBulkWriteError, always as an array. */
function writeErrorsOf(error: Document): WriteErrorShape[] {
  return [error['writeErrors'] as WriteErrorShape | WriteErrorShape[]].flat();
}

describe.each(drivers)('ordered and unordered bulk writes ($name)', (driver) => {
  const t = useConformance(server, driver);

  it('an ordered insertMany stops at the first error', async () => {
    const coll = t.coll('ordered');
    await coll.insertOne({ _id: 2 });
    const error = await rejection(
      coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }, { _id: 2 }], { ordered: true }),
    );
    expect(error.name).toBe('MongoBulkWriteError');
    expect(error.code).toBe(11000);
    const errors = writeErrorsOf(error);
    expect(errors.map((e) => [e.index, e.code])).toEqual([[1, 11000]]);
    expect(error['insertedCount']).toBe(1);
    expect(await coll.find({}).sort({ _id: 1 }).toArray()).toEqual([{ _id: 1 }, { _id: 2 }]);
  });

  it('an unordered insertMany goes on and reports each failed index', async () => {
    const coll = t.coll('unordered');
    await coll.insertOne({ _id: 2 });
    const error = await rejection(
      coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }, { _id: 2 }, { _id: 4 }], {
        ordered: false,
      }),
    );
    expect(error.name).toBe('MongoBulkWriteError');
    const errors = writeErrorsOf(error);
    expect(errors.map((e) => [e.index, e.code])).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    expect(error['insertedCount']).toBe(3);
    expect((await coll.find({}).sort({ _id: 1 }).toArray()).map((d): unknown => d._id)).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('an ordered bulkWrite of mixed operations stops at the failing one', async () => {
    const coll = t.coll('mixed');
    await coll.insertOne({ _id: 1, n: 0 });
    const error = await rejection(
      coll.bulkWrite(
        [
          { updateOne: { filter: { _id: 1 }, update: { $inc: { n: 1 } } } },
          { insertOne: { document: { _id: 1 } } },
          { deleteOne: { filter: { _id: 1 } } },
        ],
        { ordered: true },
      ),
    );
    expect(writeErrorsOf(error).map((e) => [e.index, e.code])).toEqual([[1, 11000]]);
    expect(await coll.find({}).toArray()).toEqual([{ _id: 1, n: 1 }]);
  });

  it('an unordered bulkWrite runs the operations after a failing update', async () => {
    const coll = t.coll('mixed');
    await coll.insertOne({ _id: 1, s: 'text' });
    const error = await rejection(
      coll.bulkWrite(
        [
          { updateOne: { filter: { _id: 1 }, update: { $inc: { s: 1 } } } },
          { insertOne: { document: { _id: 2 } } },
          { updateOne: { filter: { _id: 1 }, update: { $set: { t: true } } } },
        ],
        { ordered: false },
      ),
    );
    expect(writeErrorsOf(error).map((e) => [e.index, e.code])).toEqual([[0, 14]]);
    expect(await coll.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, s: 'text', t: true },
      { _id: 2 },
    ]);
  });

  it('reports every count of a successful mixed bulkWrite', async () => {
    const coll = t.coll('counts');
    await coll.insertMany([
      { _id: 1, n: 0 },
      { _id: 2, n: 0 },
    ]);
    const result = await coll.bulkWrite([
      { insertOne: { document: { _id: 3, n: 0 } } },
      { updateMany: { filter: {}, update: { $set: { n: 1 } } } },
      { updateOne: { filter: { _id: 9 }, update: { $set: { n: 9 } }, upsert: true } },
      { replaceOne: { filter: { _id: 1 }, replacement: { n: 1 } } },
      { deleteOne: { filter: { _id: 2 } } },
    ]);
    expect(result.insertedCount).toBe(1);
    expect(result.matchedCount).toBe(4);
    expect(result.modifiedCount).toBe(3);
    expect(result.upsertedCount).toBe(1);
    expect(result.upsertedIds).toEqual({ 2: 9 });
    expect(result.deletedCount).toBe(1);
  });

  it('an update command with a bad statement reports it in writeErrors with its index', async () => {
    await t.coll('raw').insertMany([
      { _id: 1, s: 'text' },
      { _id: 2, n: 1 },
    ]);
    const reply = await t.db.command({
      update: 'raw',
      ordered: false,
      updates: [
        { q: { _id: 2 }, u: { $inc: { n: 1 } } },
        { q: { _id: 1 }, u: { $inc: { s: 1 } } },
        { q: { _id: 2 }, u: { $inc: { n: 1 } } },
      ],
    });
    expect(reply['ok']).toBe(1);
    expect(reply['n']).toBe(2);
    expect(reply['nModified']).toBe(2);
    const errors = reply['writeErrors'] as Document[];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: 1, code: 14 });
    expect(typeof errors[0]?.['errmsg']).toBe('string');
  });
});
