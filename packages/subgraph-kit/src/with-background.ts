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
 */
export function withBackground<S extends SubgraphServer>(
  server: S,
  background: BackgroundService,
): S {
  let stopping: Promise<void> | undefined;
  return {
    ...server,
    start: async (port, host) => {
      await background.start();
      try {
        return await server.start(port, host);
      } catch (error) {
        await background.stop();
        throw error;
      }
    },
    stop: () => {
      stopping ??= (async () => {
        try {
          await server.stop();
        } finally {
          await background.stop();
        }
      })();
      return stopping;
    },
  };
}
