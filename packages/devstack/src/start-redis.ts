import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { DevStackError } from './dev-stack-error.js';
import { findExecutable } from './find-executable.js';
import { freePort } from './free-port.js';
import { ManagedProcess, type OutputStream } from './managed-process.js';

export interface StartedRedis {
  readonly url: string;
  /** The redis-server we started, or undefined when REDIS_URL pointed at an existing one. */
  readonly process: ManagedProcess | undefined;
}

export interface StartRedisOptions {
  /** Use this Redis instead of starting one. */
  readonly url?: string | undefined;
  readonly onLine?: (line: string, stream: OutputStream) => void;
  /** @defaultValue 10_000 */
  readonly timeoutMs?: number;
  /** Where to look for `redis-server`. @defaultValue process.env.PATH */
  readonly searchPath?: string;
}

export const REDIS_MISSING_MESSAGE =
  'Redis is needed but neither REDIS_URL is set nor redis-server is installed. ' +
  'Install redis-server (e.g. `apt-get install redis-server` or `brew install redis`) ' +
  'or set REDIS_URL=redis://host:6379.';

/**
 * Uses `url` when given, else starts a throwaway `redis-server` on a free 127.0.0.1 port with
 * persistence off (dev queues are disposable; the stack's data lives in MongoDB).
 */
export async function startRedis(options: StartRedisOptions): Promise<StartedRedis> {
  if (options.url !== undefined) return { url: options.url, process: undefined };
  const command = findExecutable('redis-server', options.searchPath);
  if (command === null) throw new DevStackError('REDIS_UNAVAILABLE', REDIS_MISSING_MESSAGE);
  const port = await freePort();
  const child = new ManagedProcess({
    name: 'redis',
    command,
    args: [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--loglevel',
      'warning',
    ],
    cwd: process.cwd(),
    env: { PATH: process.env['PATH'] ?? '' },
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (Date.now() < deadline) {
    if (child.exitInfo) {
      throw new DevStackError(
        'REDIS_UNAVAILABLE',
        'redis-server exited during startup.',
        child.lastLines(),
      );
    }
    if (await answersPing(port)) return { url: `redis://127.0.0.1:${port}`, process: child };
    await delay(50);
  }
  await child.stop();
  throw new DevStackError(
    'REDIS_UNAVAILABLE',
    'redis-server did not answer PING in time.',
    child.lastLines(),
  );
}

/** A raw RESP PING, so the dev stack needs no Redis client library. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('+PONG')));
  });
}
