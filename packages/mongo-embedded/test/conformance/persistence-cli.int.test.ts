/**
 * Persistence and the `mongo-embedded` CLI. EMBEDDED ONLY: these tests start and stop the server
 * process itself, which a run against a real MongoDB (`MONGODB_URI` set) cannot do, so the whole
 * file is skipped there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { MongoClient } from 'mongodb';
import { type Doc, drivers, isEmbedded, startEmbedded, uniqueDbName } from './harness.js';

const binPath = fileURLToPath(new URL('../../bin/mongo-embedded.js', import.meta.url));

interface RunningCli {
  readonly uri: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  readonly exited: Promise<number | string | null>;
}

/** Starts the CLI and resolves with the URI it prints as its first stdout line. */
function startCli(args: readonly string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, [binPath, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve({ uri: line.trim(), child, exited }));
    void exited.then((code) =>
      reject(new Error(`mongo-embedded exited (${String(code)}) before printing: ${stderr}`)),
    );
  });
}

describe.runIf(isEmbedded).each(drivers)('persistence and the CLI ($name)', (driver) => {
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'mongo-embedded-conf-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  async function cli(args: readonly string[]): Promise<RunningCli> {
    const running = await startCli(args);
    cleanups.push(async () => {
      if (running.child.exitCode === null && running.child.signalCode === null) {
        running.child.kill('SIGKILL');
        await running.exited;
      }
    });
    return running;
  }

  async function connect(uri: string): Promise<MongoClient> {
    const client = new driver.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    cleanups.push(() => client.close());
    return client;
  }

  it('prints a mongodb:// URI on the first stdout line that the driver connects to', async () => {
    const running = await cli(['--port', '0']);
    expect(running.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    const client = await connect(running.uri);
    await expect(client.db('admin').command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('exits 0 on SIGINT after a clean shutdown', async () => {
    const running = await cli(['--port', '0']);
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
  });

  it('keeps data and unique indexes across a SIGTERM and a restart on the same dbpath', async () => {
    const dir = await tempDir();
    const dbName = uniqueDbName();

    const first = await cli(['--port', '0', '--dbpath', dir]);
    const client = await connect(first.uri);
    const coll = client.db(dbName).collection<Doc>('kept');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertMany([
      { _id: 1, email: 'a@x', n: 1 },
      { _id: 2, email: 'b@x', n: 2 },
    ]);
    await coll.updateOne({ _id: 2 }, { $inc: { n: 40 } });
    await coll.insertOne({ _id: 3, email: 'c@x' });
    await coll.deleteOne({ _id: 3 });
    await client.close();

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await cli(['--port', '0', '--dbpath', dir]);
    const again = await connect(second.uri);
    const kept = again.db(dbName).collection<Doc>('kept');
    expect(await kept.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, email: 'a@x', n: 1 },
      { _id: 2, email: 'b@x', n: 42 },
    ]);
    const indexNames = (await kept.listIndexes().toArray()).map((i): unknown => i['name']);
    expect(indexNames).toContain('email_1');
    const error = (await kept.insertOne({ _id: 4, email: 'a@x' }).catch((e: unknown) => e)) as {
      code?: unknown;
    };
    expect(error.code).toBe(11000);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('keeps data across stop() and a restart of the in-process API with the same dbPath', async () => {
    const dir = await tempDir();
    const dbName = uniqueDbName();

    const first = await startEmbedded({ port: 0, dbPath: dir });
    const client = await connect(first.uri);
    await client.db(dbName).collection<Doc>('api').insertOne({ _id: 'k', v: 'persisted' });
    await client.close();
    await first.stop();

    const second = await startEmbedded({ port: 0, dbPath: dir });
    cleanups.push(() => second.stop());
    const again = await connect(second.uri);
    expect(await again.db(dbName).collection<Doc>('api').findOne({ _id: 'k' })).toEqual({
      _id: 'k',
      v: 'persisted',
    });
  });

  it('keeps data in memory only when no dbPath is given', async () => {
    const dbName = uniqueDbName();
    const first = await startEmbedded({ port: 0 });
    const client = await connect(first.uri);
    await client.db(dbName).collection<Doc>('mem').insertOne({ _id: 1 });
    await client.close();
    await first.stop();

    const second = await startEmbedded({ port: 0 });
    cleanups.push(() => second.stop());
    const again = await connect(second.uri);
    expect(await again.db(dbName).collection<Doc>('mem').countDocuments()).toBe(0);
  });
});
