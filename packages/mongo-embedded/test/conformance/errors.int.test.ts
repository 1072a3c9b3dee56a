import { describe, expect, it } from 'vitest';
import { drivers, rejection, useConformance, useServer } from './harness.js';

const server = useServer();

describe.each(drivers)('errors carry code and codeName ($name)', (driver) => {
  const t = useConformance(server, driver);
  const { Long, MongoServerError } = driver.mongo;

  it('answers an unknown command with CommandNotFound (59)', async () => {
    const error = await rejection(t.db.command({ noSuchCmd: 1 }));
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(59);
    expect(error.codeName).toBe('CommandNotFound');
    expect(error.message).toContain('noSuchCmd');
  });

  it('answers getMore of an unknown cursor with CursorNotFound (43)', async () => {
    await t.coll('c').insertOne({ _id: 1 });
    const error = await rejection(t.db.command({ getMore: Long.fromNumber(123), collection: 'c' }));
    expect(error.code).toBe(43);
    expect(error.codeName).toBe('CursorNotFound');
  });

  it('answers an unknown query operator with BadValue (2)', async () => {
    await t.coll('c').insertOne({ _id: 1 });
    const error = await rejection(
      t
        .coll('c')
        .find({ a: { $bogus: 1 } })
        .toArray(),
    );
    expect(error.code).toBe(2);
    expect(error.codeName).toBe('BadValue');
  });

  it('answers an unknown top-level query operator with BadValue (2)', async () => {
    await t.coll('c').insertOne({ _id: 1 });
    const error = await rejection(
      t
        .coll('c')
        .find({ $bogus: [{ a: 1 }] })
        .toArray(),
    );
    expect(error.code).toBe(2);
    expect(error.codeName).toBe('BadValue');
  });

  it('answers $in with a non-array with BadValue (2)', async () => {
    await t.coll('c').insertOne({ _id: 1 });
    const error = await rejection(
      t
        .coll('c')
        .find({ a: { $in: 5 } })
        .toArray(),
    );
    expect(error.code).toBe(2);
    expect(error.codeName).toBe('BadValue');
  });

  it('answers an unknown expression in $expr with InvalidPipelineOperator (168)', async () => {
    await t.coll('c').insertOne({ _id: 1 });
    const error = await rejection(
      t
        .coll('c')
        .find({ $expr: { $bogus: [1, 2] } })
        .toArray(),
    );
    expect(error.code).toBe(168);
    expect(error.codeName).toBe('InvalidPipelineOperator');
  });

  it('answers dropIndexes on a missing collection with NamespaceNotFound (26)', async () => {
    const error = await rejection(t.coll('missing').dropIndex('a_1'));
    expect(error.code).toBe(26);
    expect(error.codeName).toBe('NamespaceNotFound');
  });

  it('keeps serving a connection after an error', async () => {
    await expect(t.db.command({ noSuchCmd: 1 })).rejects.toMatchObject({ code: 59 });
    await t.coll('c').insertOne({ _id: 1 });
    expect(await t.coll('c').findOne({ _id: 1 })).toEqual({ _id: 1 });
  });

  it('returns the server message in errmsg and in the error message', async () => {
    const error = await rejection(t.db.command({ noSuchCmd: 1 }));
    expect(typeof error['errmsg']).toBe('string');
    expect(error.message).toBe(error['errmsg']);
  });
});
