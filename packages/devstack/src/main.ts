// `npm run dev`: the whole platform on embedded defaults, with prefixed logs and a demo token.
import { join } from 'node:path';
import { loadConfigOrExit } from '@tessera/config';
import { createDevStack, type DevStack } from './create-dev-stack.js';
import { DevStackError } from './dev-stack-error.js';
import { devConfigSchema } from './dev-config.js';
import { readRunningDevState, removeDevState, writeDevState } from './dev-state.js';
import { loginDemo } from './demo-login.js';
import { discoverSubgraphs } from './discover-subgraphs.js';
import { onParentExit } from './on-parent-exit.js';
import { createOutputPrinter, formatLogLine } from './output-printer.js';
import { renderReadyBanner } from './ready-banner.js';
import { REPO_ROOT } from './repo-root.js';

const subgraphs = discoverSubgraphs(REPO_ROOT);
const config = loadConfigOrExit('devstack', devConfigSchema(subgraphs));

const running = readRunningDevState(REPO_ROOT);
if (running) {
  console.error(
    `npm run dev is already running (pid ${running.pid}, ${running.graphqlUrl}). Stop it first.`,
  );
  process.exit(1);
}

const print = createOutputPrinter({
  names: ['mongo', 'redis', ...subgraphs.map((s) => s.name), 'gateway'],
  color: process.stdout.isTTY,
  write: (text) => process.stdout.write(text),
});
const shutdown = new AbortController();
let starting: Promise<DevStack> | undefined;
let stack: DevStack | undefined;
let stopping = false;

async function stopAndExit(code: number): Promise<never> {
  stopping = true;
  // Interrupted during startup, createDevStack stops what it started before it settles (and the
  // embedded MongoDB flushes its files), so wait for that rather than exit under it.
  const current = stack ?? (await starting?.catch(() => undefined));
  await current?.stop();
  removeDevState(REPO_ROOT);
  process.exit(code);
}

// One Ctrl-C often arrives more than once: the terminal signals the whole process group and
// launchers (npm, tsx) relay it too. Repeats within this window are the same request; a later
// Ctrl-C means "stop waiting" and kills everything at once.
const REPEAT_WINDOW_MS = 3_000;
let firstSignalAt = 0;

/** The one clean shutdown, whatever asks for it: a signal, or the launcher going away. */
function requestStop(message: string): void {
  firstSignalAt = Date.now();
  // After SIGHUP or a dead launcher our stdout may be a closed terminal or pipe: from here on
  // output is best effort, and a failed write must not crash the shutdown half-way.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  console.log(`\n${message}`);
  shutdown.abort();
  void stopAndExit(0);
}

// SIGHUP too: a closed terminal must stop the stack cleanly, not kill this process by default
// and leave the children to their parent-death guards.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) {
      if (Date.now() - firstSignalAt < REPEAT_WINDOW_MS) return;
      stack?.killNow();
      process.exit(130);
    }
    requestStop(`${signal}: stopping every service… (Ctrl-C again to force)`);
  });
}
// `kill <pid of npm run dev>` ends npm and its `sh` without signalling us: we would run on,
// re-parented, with every service. Losing the launcher is a request to stop.
onParentExit((parentPid) => {
  if (!stopping) requestStop(`The launcher (pid ${parentPid}) exited: stopping every service…`);
});
// Covers crashes in this process: the children must not outlive it.
process.on('exit', () => stack?.killNow());

function reportFailure(error: unknown): void {
  if (error instanceof DevStackError) {
    console.error(`\nnpm run dev failed: ${error.message}`);
    if (error.lastLines.length > 0) {
      console.error('Last lines of its output:');
      for (const line of error.lastLines) console.error(`  ${formatLogLine(line)}`);
    }
    if (error.lastLines.some((line) => line.includes('EADDRINUSE'))) {
      console.error(
        'A port is already in use: stop what holds it, or pick other ports with GATEWAY_PORT ' +
          'and <DOMAIN>_PORT (0 means any free port).',
      );
    }
  } else {
    console.error('\nnpm run dev failed:', error);
  }
}

async function start(): Promise<DevStack> {
  console.log(
    `Starting ${config.mongoUri ? 'MongoDB at MONGODB_URI' : 'the embedded MongoDB'}, ` +
      `${config.redisUrl ? 'Redis at REDIS_URL' : 'redis-server'}, ` +
      `${subgraphs.map((s) => s.name).join(', ')} and the gateway…`,
  );
  starting = createDevStack({
    mongoUri: config.mongoUri,
    mongoDbPath: join(REPO_ROOT, '.dev/mongo'),
    redisUrl: config.redisUrl,
    gatewayPort: config.gatewayPort,
    subgraphPorts: config.subgraphPorts,
    onOutput: print,
    signal: shutdown.signal,
  });
  const started = await starting;
  stack = started;
  const login = await loginDemo(started.graphqlUrl);
  writeDevState(REPO_ROOT, {
    pid: process.pid,
    mongoUri: started.mongoUri,
    redisUrl: started.redisUrl,
    graphqlUrl: started.graphqlUrl,
  });
  const orders = started.subgraphs.find((service) => service.name === 'orders');
  console.log(
    renderReadyBanner({
      graphqlUrl: started.graphqlUrl,
      token: login.token,
      // Since this process started (npm and the tsx launcher add a little before that).
      seconds: process.uptime(),
      mongoUri: started.mongoUri,
      mongoEmbedded: config.mongoUri === undefined,
      redisUrl: started.redisUrl,
      queuesUrl: orders ? `${orders.url}/admin/queues` : undefined,
    }),
  );
  return started;
}

const ready = await start().catch((error: unknown): Promise<never> => {
  // When a signal interrupted startup, its handler is already stopping and will exit.
  if (stopping) return new Promise<never>(() => {});
  reportFailure(error);
  return stopAndExit(1);
});

const crashed = await ready.unexpectedExit;
if (!stopping) {
  const how = crashed.exit.signal
    ? `signal ${crashed.exit.signal}`
    : `code ${String(crashed.exit.code)}`;
  reportFailure(
    new DevStackError('CHILD_EXITED', `${crashed.service} exited with ${how}.`, crashed.lastLines),
  );
  await stopAndExit(1);
}
