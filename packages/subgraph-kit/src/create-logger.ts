import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** The `service` field on every line, e.g. `accounts`. */
  readonly service: string;
  /** A pino level (`info`, `debug`, …, or `silent`). */
  readonly level: string;
  /** Where lines go. @defaultValue stdout */
  readonly destination?: DestinationStream;
}

/** Field names whose values never reach a log line, up to three levels deep. */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'privateKey',
];

export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  '*.headers["set-cookie"]',
  '*.*.headers["set-cookie"]',
];

/**
 * A pino JSON logger with `{ service }` on every line. Secrets are censored by field name, as a
 * safety net: the rule is still never to log tokens, passwords or keys.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const settings = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
