import {
  capturingLogger,
  TEST_TRACEPARENT,
  testRedisUrl,
  uniqueName,
  waitFor,
} from '@tessera/testing';
import type { Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { listDeadLetters, retryDeadLetter } from '../src/dead-letters.js';
import type { MessageContext, MessageEnvelope } from '../src/envelope.js';
import {
  DeadLetterNotFoundError,
  TransientError,
  UnrecoverableError,
} from '../src/events-error.js';
import { currentJobContext } from '../src/job-context.js';
import { createQueue, type EnvelopeQueue } from '../src/queue-factory.js';
import { createWorker, type EnvelopeHandler } from '../src/worker-factory.js';
import { testEnvelope } from './helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A queue with fast retries (the default backoff starts at 1 s), and a worker on it. */
function setup<R>(
  handler: EnvelopeHandler<R>,
  logger = capturingLogger(),
): { queue: EnvelopeQueue; worker: Worker<MessageEnvelope, R, string> } {
  const name = uniqueName('worker');
  const queue = createQueue(name, {
    connection: testRedisUrl(),
    environment: 'test',
    defaultJobOptions: { backoff: { type: 'exponential', delay: 10, jitter: 0.5 } },
  });
  const worker = createWorker(name, handler, {
    connection: testRedisUrl(),
    environment: 'test',
    logger,
  });
  cleanups.push(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });
  return { queue, worker };
}

async function stateOf(queue: EnvelopeQueue, jobId: string): Promise<string | undefined> {
  return (await queue.getJob(jobId))?.getState();
}

describe('createWorker', () => {
  it('retries a TransientError with backoff until the handler succeeds', async () => {
    const attempts: number[] = [];
    const { queue } = setup((_envelope, run) => {
      attempts.push(run.attempt);
      if (run.attempt < 3) throw new TransientError('payment provider unavailable');
      return 'done';
    });
    const envelope = testEnvelope({ seq: 1 });
    await queue.add(envelope.type, envelope, { jobId: envelope.id });

    await waitFor(async () => (await stateOf(queue, envelope.id)) === 'completed', 'completion');
    const job = await queue.getJob(envelope.id);
    expect(attempts).toEqual([1, 2, 3]);
    expect(job?.attemptsStarted).toBe(3);
    expect(job?.returnvalue).toBe('done');
    expect(job?.opts.attempts).toBeGreaterThanOrEqual(5);
    expect(job?.opts.backoff).toMatchObject({ type: 'exponential' });
  });

  it('sends an UnrecoverableError straight to the dead letters after one attempt', async () => {
    let fixed = false;
    const { queue } = setup(() => {
      if (!fixed) throw new UnrecoverableError('card declined');
      return 'ok';
    });
    const envelope = testEnvelope({ seq: 2 });
    await queue.add(envelope.type, envelope, { jobId: envelope.id });

    await waitFor(async () => (await stateOf(queue, envelope.id)) === 'failed', 'failure');
    const deadLetters = await listDeadLetters(queue);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({
      jobId: envelope.id,
      name: envelope.type,
      failedReason: 'card declined',
      attemptsMade: 1,
      data: envelope,
    });

    fixed = true;
    await retryDeadLetter(queue, envelope.id);
    await waitFor(async () => (await stateOf(queue, envelope.id)) === 'completed', 'the retry');
    expect(await listDeadLetters(queue)).toEqual([]);
  });

  it('rejects retrying a job that is not a dead letter with EVENTS_DEAD_LETTER_NOT_FOUND', async () => {
    const { queue } = setup(() => 'ok');
    const error = await retryDeadLetter(queue, 'no-such-job').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadLetterNotFoundError);
    expect(error).toMatchObject({ code: 'EVENTS_DEAD_LETTER_NOT_FOUND' });
  });

  it('fails an invalid envelope at once, without calling the handler', async () => {
    let called = false;
    const { queue } = setup(() => {
      called = true;
    });
    const bad = {
      ...testEnvelope({ seq: 4 }),
      context: { requestId: 'r' },
    } as unknown as MessageEnvelope;
    await queue.add(bad.type, bad, { jobId: 'bad-envelope' });

    await waitFor(async () => (await stateOf(queue, 'bad-envelope')) === 'failed', 'failure');
    const [deadLetter] = await listDeadLetters(queue);
    expect(deadLetter?.attemptsMade).toBe(1);
    expect(deadLetter?.failedReason).toMatch(/^Invalid message envelope: context\./);
    expect(called).toBe(false);
  });

  it('gives the handler the actor, request id and traceparent, and binds them to its logger', async () => {
    const logger = capturingLogger();
    const seen: { context: MessageContext; current: MessageContext | undefined }[] = [];
    const { queue } = setup((_envelope, run) => {
      seen.push({ context: run.context, current: currentJobContext() });
      run.logger.info({}, 'handled');
    }, logger);
    const envelope = testEnvelope({ seq: 5 });
    await queue.add(envelope.type, envelope, { jobId: envelope.id });

    await waitFor(async () => (await stateOf(queue, envelope.id)) === 'completed', 'completion');
    const expected = { actorId: 'user-42', requestId: 'req-1', traceparent: TEST_TRACEPARENT };
    expect(seen).toEqual([{ context: expected, current: expected }]);
    expect(logger.lines.find((line) => line.msg === 'handled')?.bindings).toMatchObject({
      messageId: envelope.id,
      messageType: 'test.happened',
      actorId: 'user-42',
      requestId: 'req-1',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
  });
});
