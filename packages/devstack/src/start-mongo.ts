import { mkdirSync } from 'node:fs';
import { startEmbeddedMongo, type Logger } from '@tessera/mongo-embedded';

export interface StartedMongo {
  readonly uri: string;
  /** Stops the embedded server; a no-op when MONGODB_URI pointed at an existing one. */
  readonly stop: () => Promise<void>;
  readonly embedded: boolean;
}

export interface StartMongoOptions {
  /** Use this MongoDB instead of starting the embedded server. */
  readonly uri?: string | undefined;
  /** Where the embedded server persists data; undefined keeps it in memory. */
  readonly dbPath?: string | undefined;
  /** The embedded server's diagnostics, one line each. @defaultValue its stderr logger */
  readonly onLine?: (line: string) => void;
}

/** Uses `uri` when given, else runs the embedded MongoDB-compatible server in this process. */
export async function startMongo(options: StartMongoOptions): Promise<StartedMongo> {
  if (options.uri !== undefined) {
    return { uri: options.uri, stop: () => Promise.resolve(), embedded: false };
  }
  if (options.dbPath !== undefined) mkdirSync(options.dbPath, { recursive: true });
  const { onLine } = options;
  const logger: Logger | undefined = onLine && {
    info: (message) => onLine(`INFO ${message}`),
    warn: (message) => onLine(`WARN ${message}`),
    error: (message) => onLine(`ERROR ${message}`),
  };
  const server = await startEmbeddedMongo({
    port: 0,
    ...(options.dbPath === undefined ? {} : { dbPath: options.dbPath }),
    ...(logger ? { logger } : {}),
  });
  return { uri: server.uri, stop: () => server.stop(), embedded: true };
}
