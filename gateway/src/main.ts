import { loadConfigOrExit } from '@tessera/config';
import { pino } from 'pino';
import { gatewayConfigSchema } from './config.js';
import { createGateway } from './server.js';
import { SupergraphLoadError } from './supergraph/supergraph-load-error.js';

const config = loadConfigOrExit('gateway', gatewayConfigSchema(process.env));

// Redaction is a safety net only: the gateway never puts tokens in log fields.
const SECRET_FIELDS = ['authorization', 'cookie', 'token', 'password', 'secret'];
const logger = pino({
  level: config.logLevel,
  base: { service: 'gateway' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
    censor: '[redacted]',
  },
});

const gateway = createGateway({ config, logger });

try {
  const { url } = await gateway.start();
  console.log(`Tessera gateway ready at ${url}`);
} catch (error) {
  if (error instanceof SupergraphLoadError) {
    logger.fatal({ path: error.path }, error.message);
    process.stderr.write(`${error.message}\n`);
  } else {
    logger.fatal({ err: error }, 'gateway failed to start');
  }
  await gateway.stop().catch(() => undefined);
  process.exit(1);
}

let shuttingDown = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (shuttingDown) {
    logger.warn({ signal }, 'second signal: exiting without waiting for in-flight requests');
    process.exit(1);
  }
  shuttingDown = true;
  logger.info({ signal }, 'draining in-flight requests');
  gateway.stop().then(
    () => {
      logger.info('gateway stopped');
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'error while stopping');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
