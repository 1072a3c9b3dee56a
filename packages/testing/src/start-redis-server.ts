import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

// $0 is the redis-server binary, "$@" its arguments. fd 3 keeps our stdin pipe for the
// background reader (background jobs of a non-interactive sh otherwise read /dev/null).
const WATCHDOG =
  'exec 3<&0; "$0" "$@" </dev/null & pid=$!; ' +
  '(read _eof <&3; kill "$pid" 2>/dev/null) & exec 3<&-; wait "$pid"';
// sh's exit status for a command it cannot find.
const NOT_FOUND = 127;

export interface StartRedisServerOptions {
  /** The `redis-server` binary. @defaultValue 'redis-server' (from PATH) */
  readonly binary?: string;
  /** How long to wait for the first PONG. @defaultValue 10000 */
  readonly readyTimeoutMs?: number;
}

export interface RedisServer extends AsyncDisposable {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/**
 * Starts a private, memory-only `redis-server` on a free port of 127.0.0.1 (no RDB, no AOF, in a
 * temporary directory), for tests and the dev stack. It is ours, so it is also ours to stop.
 */
export async function startRedisServer(
  options: StartRedisServerOptions = {},
): Promise<RedisServer> {
  let lastError: unknown;
  // A free port can be taken between probing and binding: retry a few times on another one.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(options: StartRedisServerOptions): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'tessera-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ];
  // redis-server does not notice its parent dying, so it runs under a small sh watchdog that
  // kills it when our end of the stdin pipe closes: on stop(), and also when the test runner is
  // killed (SIGTERM, SIGKILL, timeout), which would otherwise leave orphan servers behind.
  const child = spawn('sh', ['-c', WATCHDOG, options.binary ?? 'redis-server', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const spawnFailed = new Promise<never>((_resolve, reject) =>
    child.once('error', (error) => reject(new Error(`Could not run sh: ${error.message}`))),
  );
  // A normal exit without teardown: close the pipe so the watchdog stops the server.
  const closeOnExit = () => child.stdin?.destroy();
  process.once('exit', closeOnExit);

  const cleanup = async () => {
    process.off('exit', closeOnExit);
    await stopChild(child, exited);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await Promise.race([
      waitForPong(port, options.readyTimeoutMs ?? 10_000),
      spawnFailed,
      exited.then((code) => {
        throw new Error(
          code === NOT_FOUND
            ? `Could not run redis-server (is it installed and on PATH?):\n${output}`
            : `redis-server exited with code ${code} before it was ready:\n${output}`,
        );
      }),
    ]);
  } catch (error) {
    await cleanup();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= cleanup());
  return { url: `redis://127.0.0.1:${port}`, port, stop, [Symbol.asyncDispose]: stop };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // EOF on the watchdog's stdin makes it SIGTERM redis-server; sh exits once redis has.
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitForPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
