import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testMongoUri, testRedisUrl, uniqueName, waitFor, withTestDb } from '@tessera/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdempotentConsumer, type IdempotentResult } from '../src/idempotent-consumer.js';
import { createQueue } from '../src/queue-factory.js';
import { createWorker } from '../src/worker-factory.js';
import { testEnvelope } from './helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const fixture = fileURLToPath(new URL('./fixtures/stalled-worker.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function startWorkerProcess(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { child, output: () => output };
}

describe('stalled-job recovery', () => {
  it('redelivers the job of a worker SIGKILLed mid-job, and the effect is applied once', async () => {
    await using t = await withTestDb({ prefix: 'events_stalled' });
    const queueName = uniqueName('stalled');
    const queue = createQueue(queueName, { connection: testRedisUrl(), environment: 'test' });
    cleanups.push(async () => {
      await queue.obliterate({ force: true });
      await queue.close();
    });

    const worker = startWorkerProcess([testRedisUrl(), testMongoUri(), t.name, queueName]);
    const envelope = testEnvelope({ seq: 1 });
    await queue.add(envelope.type, envelope, { jobId: envelope.id });
    await waitFor(() => worker.output().includes('committed'), 'the child to commit');

    const exited = new Promise((resolve) => worker.child.once('exit', resolve));
    worker.child.kill('SIGKILL');
    await exited;

    const survivor = createWorker(
      queueName,
      createIdempotentConsumer({
        name: 'stalled.test',
        db: t.db,
        handler: async (message, { session }) => {
          await t.db.collection('effects').insertOne({ messageId: message.id }, { session });
        },
      }),
      {
        connection: testRedisUrl(),
        environment: 'test',
        lockDuration: 1_000,
        stalledInterval: 300,
      },
    );
    cleanups.push(() => survivor.close());

    await waitFor(
      async () => (await (await queue.getJob(envelope.id))?.getState()) === 'completed',
      'the redelivered job to complete',
    );
    const job = await queue.getJob(envelope.id);
    expect(job?.stalledCounter).toBe(1);
    expect(job?.returnvalue as IdempotentResult<void>).toEqual({ duplicate: true });
    expect(await t.db.collection('effects').countDocuments({ messageId: envelope.id })).toBe(1);
  });
});
