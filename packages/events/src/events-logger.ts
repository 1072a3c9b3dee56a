/**
 * The logging surface this package needs; a pino `Logger` fits it as is. Kept structural so the
 * library does not pin a pino version on its users.
 */
export interface EventsLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): EventsLogger;
}

/** Drops everything: the default when no logger is given. */
export const noopLogger: EventsLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => noopLogger,
};
