import type { SubgraphServer } from './create-subgraph-server.js';

/** Work that runs beside a subgraph's HTTP server, e.g. its outbox relay and queue workers. */
export interface BackgroundService {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A server that also runs `background`: it starts before the server listens (so messages sent
 * while handling the first request have their consumers), and stops after the server has drained
 * (so a request in flight can still write its messages). `stop()` stays idempotent.
 *
 * Several services start in order and stop in reverse order (a dashboard over the queues after
 * the messaging that opens them). A failed start stops what had started (the services started
 * before it, or all of them when the server fails to listen) and rethrows the start's error.
 * Each `stop()` runs even when another one throws. Each service's own `stop()` must be safe to
 * call twice: a failed start stops it, and the caller's `stop()` stops it again.
 */
export function withBackground<S extends SubgraphServer>(
  server: S,
  background: BackgroundService | readonly BackgroundService[],
): S {
  const services: readonly BackgroundService[] = isList(background) ? background : [background];
  let stopping: Promise<void> | undefined;
  return {
    ...server,
    start: async (port, host) => {
      const started: BackgroundService[] = [];
      try {
        for (const service of services) {
          await service.start();
          started.push(service);
        }
        return await server.start(port, host);
      } catch (error) {
        const failures = await stopAll(started);
        // Report the reason the start failed and, if any, the work the cleanup left running.
        if (failures.length > 0) {
          throw new AggregateError(
            [error, ...failures],
            `${error instanceof Error ? error.message : String(error)} (and stopping the background services it had started failed too)`,
            { cause: error },
          );
        }
        throw error;
      }
    },
    stop: () => {
      stopping ??= (async () => {
        const failures: unknown[] = [];
        await server.stop().catch((error: unknown) => failures.push(error));
        failures.push(...(await stopAll(services)));
        if (failures.length === 1) throw failures[0];
        if (failures.length > 1) throw new AggregateError(failures, 'withBackground: stop failed');
      })();
      return stopping;
    },
  };
}

function isList(
  background: BackgroundService | readonly BackgroundService[],
): background is readonly BackgroundService[] {
  return Array.isArray(background);
}

/** Stops `services` in reverse order, every one even when another throws; returns the failures. */
async function stopAll(services: readonly BackgroundService[]): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const service of [...services].reverse()) {
    await service.stop().catch((error: unknown) => failures.push(error));
  }
  return failures;
}
