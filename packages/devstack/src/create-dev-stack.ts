import { join } from 'node:path';
import { DevStackError } from './dev-stack-error.js';
import { discoverSubgraphs, type SubgraphInfo } from './discover-subgraphs.js';
import { freePort } from './free-port.js';
import type { ExitInfo, ManagedProcess, OutputStream } from './managed-process.js';
import { REPO_ROOT } from './repo-root.js';
import { spawnNodeService } from './spawn-node-service.js';
import {
  gatewayEnv,
  localUrl,
  subgraphEnv,
  type PlannedSubgraph,
  type StackEndpoints,
} from './service-env.js';
import { startMongo, type StartedMongo } from './start-mongo.js';
import { startRedis, type StartedRedis } from './start-redis.js';
import { waitForReady } from './wait-for-ready.js';

export interface DevStackOptions {
  /** The monorepo to run. @defaultValue this checkout */
  readonly repoRoot?: string;
  /** Use this MongoDB instead of starting the embedded server. */
  readonly mongoUri?: string | undefined;
  /** Where the embedded MongoDB persists data. @defaultValue in memory */
  readonly mongoDbPath?: string | undefined;
  /** Use this Redis instead of starting a `redis-server`. */
  readonly redisUrl?: string | undefined;
  /** The gateway port; 0 picks a free one. @defaultValue 4000 */
  readonly gatewayPort?: number;
  /**
   * Ports by subgraph name; 0 picks a free one. A subgraph not listed gets its contract port
   * (accounts 4001, catalog 4002, …) or, when the contract has none, a free one.
   */
  readonly subgraphPorts?: Readonly<Record<string, number>>;
  /** Every port free (gateway and subgraphs), for tests. @defaultValue false */
  readonly freePorts?: boolean;
  /** The environment children start from. @defaultValue process.env */
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** Extra variables for one subgraph (e.g. its own database), applied last. */
  readonly subgraphEnv?: (subgraph: SubgraphInfo) => Readonly<Record<string, string>>;
  /** Extra variables for the gateway, applied last. */
  readonly gatewayEnv?: Readonly<Record<string, string>>;
  /** Every output line of every child, e.g. to print it with a prefix. */
  readonly onOutput?: (service: string, line: string, stream: OutputStream) => void;
  /** How long startup may take before it fails. @defaultValue 60_000 */
  readonly startupTimeoutMs?: number;
  /** How long each child gets between SIGTERM and SIGKILL. @defaultValue 5_000 */
  readonly stopGraceMs?: number;
  /** Aborting it during startup (Ctrl-C) stops what was started and rejects. */
  readonly signal?: AbortSignal;
}

export interface DevStackService {
  readonly name: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly pid: number | undefined;
}

export interface UnexpectedExit {
  readonly service: string;
  readonly exit: ExitInfo;
  readonly lastLines: readonly string[];
}

export interface DevStack extends AsyncDisposable {
  /** `http://127.0.0.1:<gateway port>/graphql` */
  readonly graphqlUrl: string;
  readonly gateway: DevStackService;
  readonly subgraphs: readonly DevStackService[];
  readonly mongoUri: string;
  readonly redisUrl: string;
  /** Settles when any child exits on its own after startup (not during `stop`). */
  readonly unexpectedExit: Promise<UnexpectedExit>;
  /** Stops the gateway, then the subgraphs, then Redis and MongoDB if the stack started them. */
  stop(): Promise<void>;
  /** Synchronous last resort for `process.on('exit')`: SIGKILLs every child. */
  killNow(): void;
}

/**
 * Starts MongoDB (or uses `mongoUri`), Redis (or uses `redisUrl`), then every subgraph and the
 * gateway in parallel, and resolves once all of them answer `/readyz`. It prints nothing; on any
 * startup failure it stops what it started and rejects with a `DevStackError`.
 */
export async function createDevStack(options: DevStackOptions = {}): Promise<DevStack> {
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const baseEnv = options.baseEnv ?? process.env;
  const timeoutMs = options.startupTimeoutMs ?? 60_000;
  const grace = options.stopGraceMs ?? 5_000;
  const discovered = discoverSubgraphs(repoRoot);
  if (discovered.length === 0) {
    throw new DevStackError('NO_SUBGRAPHS', `No subgraphs found under ${repoRoot}/subgraphs.`);
  }
  const output = (service: string) => (line: string, stream: OutputStream) =>
    options.onOutput?.(service, line, stream);

  let mongo: StartedMongo | undefined;
  let redis: StartedRedis | undefined;
  const subgraphProcesses: ManagedProcess[] = [];
  let gatewayProcess: ManagedProcess | undefined;
  let stopping = false;

  const stop = async () => {
    stopping = true;
    await gatewayProcess?.stop(grace);
    await Promise.all(subgraphProcesses.map((child) => child.stop(grace)));
    await redis?.process?.stop(grace);
    await mongo?.stop();
  };
  const killNow = () => {
    gatewayProcess?.killNow();
    for (const child of subgraphProcesses) child.killNow();
    redis?.process?.killNow();
  };

  try {
    [mongo, redis] = await Promise.all([
      startMongo({
        uri: options.mongoUri,
        dbPath: options.mongoDbPath,
        onLine: (line) => options.onOutput?.('mongo', line, 'stderr'),
      }),
      startRedis({ url: options.redisUrl, onLine: output('redis') }),
    ]);
    options.signal?.throwIfAborted();
    const planned = await planPorts(discovered, options);
    const accounts = planned.find((p) => p.subgraph.name === 'accounts');
    const endpoints: StackEndpoints = {
      mongoUri: mongo.uri,
      redisUrl: redis.url,
      jwksUrl: accounts ? localUrl(accounts.port, '/.well-known/jwks.json') : undefined,
    };
    const wantedGatewayPort = options.freePorts ? 0 : (options.gatewayPort ?? 4000);
    const gatewayPort = wantedGatewayPort === 0 ? await freePort() : wantedGatewayPort;

    // The subgraphs and the gateway start together: the gateway's readiness needs only the
    // supergraph file (it calls subgraphs per request), and on 2 cores overlapping their module
    // loading is what keeps the stack within its startup budget.
    for (const p of planned) {
      subgraphProcesses.push(
        spawnNodeService({
          name: p.subgraph.name,
          cwd: p.subgraph.dir,
          env: {
            ...subgraphEnv(p, endpoints, baseEnv, planned),
            ...options.subgraphEnv?.(p.subgraph),
          },
          onLine: output(p.subgraph.name),
        }),
      );
    }
    gatewayProcess = spawnNodeService({
      name: 'gateway',
      cwd: join(repoRoot, 'gateway'),
      env: {
        ...gatewayEnv(
          gatewayPort,
          planned,
          endpoints,
          join(repoRoot, 'schema/supergraph.graphql'),
          baseEnv,
        ),
        ...options.gatewayEnv,
      },
      onLine: output('gateway'),
    });

    const deadline = Date.now() + timeoutMs;
    const abort = new AbortController();
    const signal = options.signal ? AbortSignal.any([abort.signal, options.signal]) : abort.signal;
    const waits = [
      ...planned.map((p, i) => ({ port: p.port, child: subgraphProcesses[i] })),
      { port: gatewayPort, child: gatewayProcess },
    ].map(({ port, child }) =>
      waitForReady({
        url: localUrl(port, '/readyz'),
        ...(child ? { process: child } : {}),
        timeoutMs: deadline - Date.now(),
        signal,
      }),
    );
    // The first failure wins; the other waits are cancelled rather than left polling.
    await Promise.all(waits).catch((error: unknown) => {
      abort.abort();
      throw error;
    });

    const all = [...subgraphProcesses, gatewayProcess];
    const unexpectedExit = Promise.race(
      all.map(async (child) => {
        const exit = await child.exited;
        return { service: child.name, exit, lastLines: child.lastLines() };
      }),
    ).then((result) => (stopping ? new Promise<never>(() => {}) : result));

    const service = (child: ManagedProcess, port: number): DevStackService => ({
      name: child.name,
      port,
      url: localUrl(port),
      pid: child.pid,
    });
    return {
      graphqlUrl: localUrl(gatewayPort, '/graphql'),
      gateway: service(gatewayProcess, gatewayPort),
      subgraphs: planned.map((p, i) => service(subgraphProcesses[i]!, p.port)),
      mongoUri: mongo.uri,
      redisUrl: redis.url,
      unexpectedExit,
      stop,
      killNow,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function planPorts(
  subgraphs: readonly SubgraphInfo[],
  options: DevStackOptions,
): Promise<PlannedSubgraph[]> {
  const planned: PlannedSubgraph[] = [];
  for (const subgraph of subgraphs) {
    const wanted = options.freePorts
      ? 0
      : (options.subgraphPorts?.[subgraph.name] ?? subgraph.defaultPort ?? 0);
    planned.push({ subgraph, port: wanted === 0 ? await freePort() : wanted });
  }
  return planned;
}
