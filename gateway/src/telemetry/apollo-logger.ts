import type { Logger } from 'pino';

/** The `{ debug, info, warn, error }` shape Apollo Server and `@apollo/gateway` log through. */
export interface ApolloLogger {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

/** Routes Apollo's string messages into pino, so they come out as JSON with our fields. */
export function apolloLogger(logger: Logger): ApolloLogger {
  const text = (message: unknown) => (message instanceof Error ? message.message : String(message));
  return {
    debug: (message) => logger.debug(text(message)),
    info: (message) => logger.info(text(message)),
    warn: (message) => logger.warn(text(message)),
    error: (message) => logger.error(text(message)),
  };
}
