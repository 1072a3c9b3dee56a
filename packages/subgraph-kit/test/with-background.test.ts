import { createServer as createTcpServer, type Server } from 'node:net';
import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { SubgraphServer } from '../src/create-subgraph-server.js';
import { withBackground, type BackgroundService } from '../src/with-background.js';
import { createTestSubgraph } from './test-subgraph.js';

// The server never queries MongoDB here: a client that never connects is enough.
const client = new MongoClient('mongodb://127.0.0.1:1/', { serverSelectionTimeoutMS: 100 });
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real subgraph server whose listen and drain are recorded in `events`. */
function recordedServer(events: string[]): SubgraphServer {
  const inner = createTestSubgraph({ db: client.db('unused') }).server;
  cleanups.push(() => inner.stop());
  return {
    ...inner,
    start: async (port, host) => {
      const address = await inner.start(port, host);
      events.push('server listening');
      return address;
    },
    stop: async () => {
      await inner.stop();
      events.push('server stopped');
    },
  };
}

/** A background service that records its calls, and fails where told to. */
function service(
  name: string,
  events: string[],
  fail: { start?: Error; stop?: Error } = {},
): BackgroundService {
  return {
    start: () => {
      events.push(`${name} start`);
      return fail.start ? Promise.reject(fail.start) : Promise.resolve();
    },
    stop: () => {
      events.push(`${name} stop`);
      return fail.stop ? Promise.reject(fail.stop) : Promise.resolve();
    },
  };
}

/** A port that is taken, so `listen` fails with EADDRINUSE. */
async function takenPort(): Promise<number> {
  const blocker: Server = createTcpServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
  const address = blocker.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

describe('withBackground', () => {
  it('starts the services in order before listening, and stops them in reverse after draining', async () => {
    const events: string[] = [];
    const server = withBackground(recordedServer(events), [
      service('messaging', events),
      service('dashboard', events),
    ]);

    const { url } = await server.start(0, '127.0.0.1');
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    await server.stop();

    expect(events).toEqual([
      'messaging start',
      'dashboard start',
      'server listening',
      'server stopped',
      'dashboard stop',
      'messaging stop',
    ]);
  });

  it('when the dashboard fails to start, stops messaging and rethrows without listening (regression: messaging left running)', async () => {
    const events: string[] = [];
    const failure = new Error('dashboard: Redis refused');
    const server = withBackground(recordedServer(events), [
      service('messaging', events),
      service('dashboard', events, { start: failure }),
    ]);

    await expect(server.start(0, '127.0.0.1')).rejects.toBe(failure);

    expect(events).toEqual(['messaging start', 'dashboard start', 'messaging stop']);
  });

  it('when the server cannot listen, stops every started service in reverse and rethrows the listen error', async () => {
    const events: string[] = [];
    const server = withBackground(recordedServer(events), [
      service('messaging', events),
      service('dashboard', events),
    ]);

    await expect(server.start(await takenPort(), '127.0.0.1')).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });

    expect(events).toEqual([
      'messaging start',
      'dashboard start',
      'dashboard stop',
      'messaging stop',
    ]);
  });

  it('when undoing a failed start fails too, rejects with both errors', async () => {
    const events: string[] = [];
    const startFailure = new Error('dashboard: Redis refused');
    const stopFailure = new Error('messaging: worker close timed out');
    const server = withBackground(recordedServer(events), [
      service('messaging', events, { stop: stopFailure }),
      service('dashboard', events, { start: startFailure }),
    ]);

    const error: unknown = await server.start(0, '127.0.0.1').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([startFailure, stopFailure]);
    expect((error as AggregateError).message).toContain('dashboard: Redis refused');
  });

  it("stop() runs messaging's stop even when the dashboard's throws, and rethrows it (regression: skipped stop)", async () => {
    const events: string[] = [];
    const failure = new Error('dashboard: close failed');
    const server = withBackground(recordedServer(events), [
      service('messaging', events),
      service('dashboard', events, { stop: failure }),
    ]);
    await server.start(0, '127.0.0.1');

    await expect(server.stop()).rejects.toBe(failure);

    expect(events.slice(-3)).toEqual(['server stopped', 'dashboard stop', 'messaging stop']);
  });

  it('takes a single service, and stop() stays idempotent', async () => {
    const events: string[] = [];
    const server = withBackground(recordedServer(events), service('messaging', events));
    await server.start(0, '127.0.0.1');

    await Promise.all([server.stop(), server.stop()]);
    await server.stop();

    expect(events).toEqual([
      'messaging start',
      'server listening',
      'server stopped',
      'messaging stop',
    ]);
  });
});
