/**
 * A tiny stderr logger. The server runs inside test processes and the dev stack, where stdout
 * belongs to the host (the CLI prints the URI there), so diagnostics go to stderr only.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createStderrLogger(prefix = 'mongo-embedded'): Logger {
  const write = (level: string, message: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${prefix} ${level} ${message}\n`);
  };
  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message) => write('error', message),
  };
}

/** A logger that drops everything, for callers that want a silent server. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
