import { describe, expect, it } from 'vitest';
import type { Document } from 'mongodb';
import { type Doc, drivers, isEmbedded, useConformance, useServer } from './harness.js';

const server = useServer();

const counterNames = ['insert', 'query', 'update', 'delete', 'getmore', 'command'] as const;
type Counters = Record<(typeof counterNames)[number], number>;

describe.each(drivers)('handshake and admin commands ($name)', (driver) => {
  const t = useConformance(server, driver);

  async function opcounters(): Promise<Counters> {
    const status = await t.client.db('admin').command({ serverStatus: 1 });
    const raw = status['opcounters'] as Document;
    const counters = {} as Counters;
    for (const name of counterNames) counters[name] = Number(raw[name]);
    return counters;
  }

  it('answers hello as the writable primary of a replica set', async () => {
    const hello = await t.client.db('admin').command({ hello: 1 });
    expect(hello['ok']).toBe(1);
    expect(hello['isWritablePrimary']).toBe(true);
    expect(typeof hello['setName']).toBe('string');
    expect(Array.isArray(hello['hosts'])).toBe(true);
    expect((hello['hosts'] as unknown[]).length).toBeGreaterThan(0);
    expect(hello['minWireVersion']).toBe(0);
    // MongoDB 7.0 reports 21; later releases report more.
    expect(hello['maxWireVersion']).toBeGreaterThanOrEqual(21);
    expect(typeof hello['logicalSessionTimeoutMinutes']).toBe('number');
    expect(hello['maxBsonObjectSize']).toBe(16 * 1024 * 1024);
    expect(hello['maxMessageSizeBytes']).toBe(48_000_000);
    expect(hello['maxWriteBatchSize']).toBe(100_000);
    expect(hello['localTime']).toBeInstanceOf(Date);
    expect(typeof hello['connectionId']).toBe('number');
  });

  it('answers the legacy isMaster command with ismaster: true', async () => {
    const reply = await t.client.db('admin').command({ isMaster: 1 });
    expect(reply['ok']).toBe(1);
    expect(reply['ismaster']).toBe(true);
    expect(typeof reply['setName']).toBe('string');
  });

  it.runIf(isEmbedded)(
    // Embedded only: a real mongod sends topologyVersion (drivers then stream heartbeats); the
    // embedded server must not, so that drivers poll (see the issue).
    'omits topologyVersion from hello so that drivers poll',
    async () => {
      const hello = await t.client.db('admin').command({ hello: 1 });
      expect(hello).not.toHaveProperty('topologyVersion');
    },
  );

  it('answers ping with ok: 1', async () => {
    await expect(t.db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('reports a version in buildInfo', async () => {
    const info = await t.client.db('admin').command({ buildInfo: 1 });
    expect(info['ok']).toBe(1);
    expect(info['version']).toMatch(/^\d+\.\d+\.\d+/);
    const versionArray = info['versionArray'] as unknown[];
    expect(versionArray).toHaveLength(4);
    for (const part of versionArray) expect(typeof part).toBe('number');
  });

  it('reports serverStatus with host, uptime and all six opcounters', async () => {
    const status = await t.client.db('admin').command({ serverStatus: 1 });
    expect(status['ok']).toBe(1);
    expect(typeof status['host']).toBe('string');
    expect(typeof status['version']).toBe('string');
    expect(Number(status['uptime'])).toBeGreaterThanOrEqual(0);
    expect(status['localTime']).toBeInstanceOf(Date);
    const raw = status['opcounters'] as Document;
    for (const name of counterNames) expect(Number.isFinite(Number(raw[name]))).toBe(true);
  });

  // opcounters are server-wide: against a shared real MongoDB, run the suite with
  // --no-file-parallelism so that no other test file writes in between.
  it('counts each insert, query, update, delete and getMore exactly once in opcounters', async () => {
    const coll = t.coll('counted');
    const before = await opcounters();

    await coll.insertOne({ _id: 1, n: 1 });
    await coll.insertOne({ _id: 2, n: 2 });
    await coll.insertOne({ _id: 3, n: 3 });
    await coll.find({}).toArray(); // one find, everything in the first batch
    // A batch of 2 over 3 documents: one find, then one getMore that exhausts the cursor.
    expect(await coll.find({}).batchSize(2).toArray()).toHaveLength(3);
    await coll.updateOne({ _id: 1 }, { $set: { n: 10 } });
    await coll.updateMany({}, { $inc: { n: 1 } });
    await coll.deleteOne({ _id: 2 });

    const after = await opcounters();
    expect({
      insert: after.insert - before.insert,
      query: after.query - before.query,
      update: after.update - before.update,
      delete: after.delete - before.delete,
      getmore: after.getmore - before.getmore,
    }).toEqual({ insert: 3, query: 2, update: 2, delete: 1, getmore: 1 });
  });

  it('counts other commands under opcounters.command', async () => {
    const before = await opcounters();
    await t.db.command({ ping: 1 });
    await t.db.command({ ping: 1 });
    await t.db.command({ ping: 1 });
    const after = await opcounters();
    expect(after.command - before.command).toBeGreaterThanOrEqual(3);
  });

  it('serves a client that uses the stable API (OP_MSG handshake)', async () => {
    const client = await t.connect({ serverApi: { version: '1' } });
    const coll = client.db(t.dbName).collection<Doc>('stable');
    await coll.insertOne({ _id: 'a', v: 1 });
    expect(await coll.findOne({ _id: 'a' })).toEqual({ _id: 'a', v: 1 });
    await expect(client.db('admin').command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('lets a second client see the writes of the first', async () => {
    const other = await t.connect();
    await t.coll('shared').insertOne({ _id: 1, who: 'first' });
    const seen = await other.db(t.dbName).collection<Doc>('shared').findOne({ _id: 1 });
    expect(seen).toEqual({ _id: 1, who: 'first' });
  });

  it('answers endSessions for sessions the client ends', async () => {
    const session = t.client.startSession();
    await t.coll('s').insertOne({ _id: 1 }, { session });
    const lsid = session.id;
    await session.endSession();
    expect(lsid).toBeDefined();
    await expect(t.client.db('admin').command({ endSessions: [lsid] })).resolves.toMatchObject({
      ok: 1,
    });
  });
});
