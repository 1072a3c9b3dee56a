import type { Logger } from 'pino';

export interface RunSubgraphOptions {
  /** Connects, builds and starts the server; resolves once it listens. */
  start(): Promise<{ stop(): Promise<void>; url: string }>;
  logger: Logger;
  /**
   * How long shutdown may take. The server's own drain should finish within it; if `stop()` has
   * not resolved after this (plus a second for closing), the process exits 1 anyway.
   */
  graceMs: number;
  /** For tests: where signals come from. @defaultValue process */
  signals?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  /** For tests: how to exit. @defaultValue process.exit */
  exit?: (code: number) => void;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * The body of a subgraph's `main.ts`: starts the service, logs its URL, and on SIGTERM or SIGINT
 * drains in-flight requests (`stop()`) and exits 0. A startup failure logs the cause and exits 1;
 * a second signal, or a drain that overruns `graceMs`, exits 1 at once.
 */
export function runSubgraph(options: RunSubgraphOptions): void {
  const { logger } = options;
  const signals = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let running: { stop(): Promise<void> } | undefined;
  let shuttingDown = false;

  const shutdown = (signal: string) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      exit(1);
      return;
    }
    shuttingDown = true;
    logger.info({ signal, graceMs: options.graceMs }, 'shutting down: draining in-flight requests');
    const overrun = setTimeout(() => {
      logger.error({ graceMs: options.graceMs }, 'shutdown overran its grace period; exiting');
      exit(1);
    }, options.graceMs + 1_000);
    overrun.unref();
    if (running) void stopAndExit(running, overrun);
    // Otherwise start() is still running; its completion handler stops right away.
  };

  const stopAndExit = async (server: { stop(): Promise<void> }, overrun: NodeJS.Timeout) => {
    try {
      await server.stop();
      clearTimeout(overrun);
      logger.info('stopped');
      exit(0);
    } catch (error) {
      clearTimeout(overrun);
      logger.error({ err: error }, 'shutdown failed');
      exit(1);
    }
  };

  // Listeners stay on during shutdown so that a second Ctrl-C forces the exit.
  for (const name of SIGNALS) signals.on(name, shutdown);

  options.start().then(
    (server) => {
      running = server;
      logger.info({ url: server.url }, `ready at ${server.url}`);
      if (shuttingDown) {
        const overrun = setTimeout(() => exit(1), options.graceMs + 1_000);
        overrun.unref();
        void stopAndExit(server, overrun);
      }
    },
    (error: unknown) => {
      for (const name of SIGNALS) signals.off(name, shutdown);
      const message = error instanceof Error ? error.message : String(error);
      logger.fatal({ err: error }, `failed to start: ${message}`);
      exit(1);
    },
  );
}
