import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, silentLogger } from '../src/index.js';

const BIN = fileURLToPath(new URL('../bin/mongo-embedded.js', import.meta.url));
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mongo-embedded-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function withClient<T>(uri: string, run: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    return await run(client);
  } finally {
    await client.close();
  }
}

/** Starts the CLI and resolves with the URI from its first stdout line. */
async function startCli(dbPath: string): Promise<{ child: ChildProcess; uri: string }> {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--dbpath', dbPath], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const uri = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`CLI exited early with ${String(code)}`)));
  });
  return { child, uri };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('persistence with a dbPath', () => {
  it('keeps documents and indexes across a clean restart', async () => {
    const dbPath = tempDir();
    const first = await startEmbeddedMongo({ port: 0, dbPath, logger: silentLogger });
    await withClient(first.uri, async (client) => {
      const users = client.db('persist').collection<{ _id: number; email: string }>('users');
      await users.createIndex({ email: 1 }, { unique: true });
      await users.insertMany([
        { _id: 1, email: 'a' },
        { _id: 2, email: 'b' },
        { _id: 3, email: 'c' },
      ]);
      await users.replaceOne({ _id: 2 }, { email: 'b2' });
      await users.deleteOne({ _id: 3 });
    });
    await first.stop();

    const second = await startEmbeddedMongo({ port: 0, dbPath, logger: silentLogger });
    try {
      await withClient(second.uri, async (client) => {
        const users = client.db('persist').collection<{ _id: number; email: string }>('users');
        expect(await users.find({}).sort({ _id: 1 }).toArray()).toEqual([
          { _id: 1, email: 'a' },
          { _id: 2, email: 'b2' },
        ]);
        const indexes = await users.listIndexes().toArray();
        expect(indexes.map((i): unknown => i.name)).toEqual(['_id_', 'email_1']);
        const error = await users.insertOne({ _id: 9, email: 'a' }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 11000 });
      });
    } finally {
      await second.stop();
    }
  });

  it('refuses a second server on a dbPath in use', async () => {
    const dbPath = tempDir();
    const first = await startEmbeddedMongo({ port: 0, dbPath, logger: silentLogger });
    try {
      await expect(startEmbeddedMongo({ port: 0, dbPath, logger: silentLogger })).rejects.toThrow(
        /in use/,
      );
    } finally {
      await first.stop();
    }
  });
});

describe('the mongo-embedded CLI', () => {
  it('prints a URI, exits 0 on SIGTERM, and keeps the data for the next start', async () => {
    const dbPath = tempDir();
    const first = await startCli(dbPath);
    await withClient(first.uri, async (client) => {
      await client
        .db('cli')
        .collection('items')
        .insertOne({ _id: 'kept' } as never);
    });
    const exit = exited(first.child);
    first.child.kill('SIGTERM');
    expect(await exit).toBe(0);

    const second = await startCli(dbPath);
    try {
      expect(second.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
      await withClient(second.uri, async (client) => {
        expect(await client.db('cli').collection('items').find({}).toArray()).toEqual([
          { _id: 'kept' },
        ]);
      });
    } finally {
      const done = exited(second.child);
      second.child.kill('SIGTERM');
      await done;
    }
  });

  it('loses no acknowledged write on SIGKILL and drops a torn journal tail', async () => {
    const dbPath = tempDir();
    const first = await startCli(dbPath);
    await withClient(first.uri, async (client) => {
      const coll = client.db('crash').collection<{ _id: number }>('events');
      for (let i = 0; i < 20; i++) await coll.insertOne({ _id: i });
    });
    const killed = exited(first.child);
    first.child.kill('SIGKILL');
    await killed;
    // A crash mid-append leaves a partial record: a length prefix promising more bytes.
    appendFileSync(join(dbPath, 'journal.bson'), Buffer.from([0xff, 0x00, 0x00, 0x00, 1, 2, 3]));

    const second = await startCli(dbPath);
    try {
      await withClient(second.uri, async (client) => {
        const coll = client.db('crash').collection<{ _id: number }>('events');
        expect(await coll.estimatedDocumentCount()).toBe(20);
        await coll.insertOne({ _id: 20 });
        expect(await coll.estimatedDocumentCount()).toBe(21);
      });
    } finally {
      const done = exited(second.child);
      second.child.kill('SIGTERM');
      expect(await done).toBe(0);
    }
  });

  it('exits 2 with usage on bad arguments', async () => {
    const child = spawn(process.execPath, [BIN, '--port', 'nope'], { stdio: 'ignore' });
    expect(await exited(child)).toBe(2);
  });
});
