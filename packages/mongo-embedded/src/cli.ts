import { parseCliArgs, USAGE } from './cli-args.js';
import { createStderrLogger } from './logger.js';
import { startEmbeddedMongo, type EmbeddedMongo } from './server/start-embedded-mongo.js';

const args = parseCliArgs(process.argv.slice(2));
if (!args.ok) {
  if (args.error !== 'help') console.error(`mongo-embedded: ${args.error}`);
  console.error(USAGE);
  process.exit(2);
}

const logger = createStderrLogger();
let server: EmbeddedMongo | undefined;
let stopRequested = false;

function shutdown(signal: string): void {
  if (stopRequested) return;
  stopRequested = true;
  logger.info(`${signal} received, shutting down`);
  // Before the server is up, startup finishes first and then stops (see below).
  if (server !== undefined) stopAndExit(server);
}

function stopAndExit(running: EmbeddedMongo): void {
  running.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error(`shutdown failed: ${String(error)}`);
      process.exit(1);
    },
  );
}

// Handlers go in before the URI is printed: a caller may signal as soon as it reads the line.
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

try {
  server = await startEmbeddedMongo({
    port: args.port,
    logger,
    ...(args.dbPath !== undefined ? { dbPath: args.dbPath } : {}),
  });
  if (stopRequested) {
    stopAndExit(server);
  } else {
    // The URI is the first stdout line: scripts read it to learn the port chosen for --port 0.
    console.log(server.uri);
  }
} catch (error) {
  logger.error(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
