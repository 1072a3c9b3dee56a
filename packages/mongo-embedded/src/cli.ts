import { parseCliArgs, USAGE } from './cli-args.js';
import { createStderrLogger } from './logger.js';
import { startEmbeddedMongo } from './server/start-embedded-mongo.js';

const args = parseCliArgs(process.argv.slice(2));
if (!args.ok) {
  if (args.error !== 'help') console.error(`mongo-embedded: ${args.error}`);
  console.error(USAGE);
  process.exit(2);
}

const logger = createStderrLogger();
try {
  const server = await startEmbeddedMongo({
    port: args.port,
    logger,
    ...(args.dbPath !== undefined ? { dbPath: args.dbPath } : {}),
  });
  // The URI is the first stdout line: scripts read it to learn the port chosen for --port 0.
  console.log(server.uri);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  logger.error(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
