// createDevStack's orchestration, on a throwaway repository of tiny stand-in services, so that
// what is tested is the dev stack itself: discovery, env, readiness, failure and shutdown.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createDevStack } from '../src/create-dev-stack.js';
import { DevStackError } from '../src/dev-stack-error.js';
import { REPO_ROOT } from '../src/repo-root.js';
import { REDIS_MISSING_MESSAGE, startRedis } from '../src/start-redis.js';

/** A service that records its pid and env, then serves /readyz and /env on its port variable. */
const serviceSource = (portVariable: string) => `
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
writeFileSync(new URL('../pid', import.meta.url), String(process.pid));
const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(req.url === '/env' ? JSON.stringify(process.env) : '{"ok":true}');
});
server.listen(Number(process.env[${JSON.stringify(portVariable)}]), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/** Fails once the gateway and catalog stand-ins are up, so their shutdown is observable. */
const failingSource = `
import { existsSync } from 'node:fs';
const others = ['../../../gateway/pid', '../../catalog/pid'].map((p) => new URL(p, import.meta.url));
const timer = setInterval(() => {
  if (!others.every((file) => existsSync(file))) return;
  clearInterval(timer);
  console.error('boom: cannot reach the database');
  process.exit(3);
}, 50);
`;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) {
    // Unlink the node_modules symlink first, so no recursive delete can ever reach its target.
    rmSync(join(root, 'node_modules'), { force: true });
    rmSync(root, { recursive: true, force: true });
  }
});

/** A repository with a gateway and the given subgraphs (name → main.ts source). */
function fakeRepo(subgraphs: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'devstack-repo-'));
  roots.push(root);
  // The stand-ins run through tsx like the real services, so they need the real node_modules.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  const write = (dir: string, source: string) => {
    mkdirSync(join(root, dir, 'src'), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(root, dir, 'src/main.ts'), source);
  };
  write('gateway', serviceSource('GATEWAY_PORT'));
  for (const [name, source] of Object.entries(subgraphs)) write(`subgraphs/${name}`, source);
  return root;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function stopsSoon(pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (!isRunning(pid)) return true;
    await delay(100);
  }
  return false;
}

const external = { mongoUri: 'mongodb://127.0.0.1:1/', redisUrl: 'redis://127.0.0.1:1' };

describe('createDevStack', () => {
  it('starts every discovered subgraph and the gateway, wired together, and stops them all', async () => {
    const root = fakeRepo({
      'gift-cards': serviceSource('GIFT_CARDS_PORT'),
      catalog: serviceSource('CATALOG_PORT'),
    });
    const stack = await createDevStack({ repoRoot: root, freePorts: true, ...external });
    try {
      expect(stack.subgraphs.map((s) => s.name)).toEqual(['catalog', 'gift-cards']);
      const env = (await (await fetch(`${stack.gateway.url}/env`)).json()) as Record<
        string,
        string
      >;
      const giftCards = stack.subgraphs.find((s) => s.name === 'gift-cards');
      expect(env).toMatchObject({
        NODE_ENV: 'development',
        GATEWAY_PORT: String(stack.gateway.port),
        SUBGRAPH_GIFT_CARDS_URL: `${giftCards?.url}/graphql`,
        SUBGRAPH_CATALOG_URL: `${stack.subgraphs[0]?.url}/graphql`,
        REDIS_URL: external.redisUrl,
      });
      const subgraphEnv = (await (await fetch(`${giftCards?.url}/env`)).json()) as Record<
        string,
        string
      >;
      expect(subgraphEnv).toMatchObject({
        NODE_ENV: 'development',
        GIFT_CARDS_PORT: String(giftCards?.port),
        MONGODB_URI: external.mongoUri,
      });
    } finally {
      await stack.stop();
    }
    for (const service of [stack.gateway, ...stack.subgraphs]) {
      expect(await stopsSoon(service.pid ?? 0), service.name).toBe(true);
    }
  }, 60_000);

  it('when a subgraph dies during startup, stops the others and reports its last lines', async () => {
    const root = fakeRepo({ broken: failingSource, catalog: serviceSource('CATALOG_PORT') });
    const error = await createDevStack({ repoRoot: root, freePorts: true, ...external }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DevStackError);
    expect((error as DevStackError).code).toBe('CHILD_EXITED');
    expect((error as DevStackError).message).toBe('broken exited with code 3 during startup.');
    expect((error as DevStackError).lastLines).toContain('boom: cannot reach the database');
    // The healthy services it had started are gone too.
    for (const dir of ['gateway', 'subgraphs/catalog']) {
      const pid = Number(readFileSync(join(root, dir, 'pid'), 'utf8'));
      expect(await stopsSoon(pid), dir).toBe(true);
    }
  }, 60_000);

  it('refuses to start without subgraphs', async () => {
    const root = mkdtempSync(join(tmpdir(), 'devstack-none-'));
    roots.push(root);
    await expect(createDevStack({ repoRoot: root, ...external })).rejects.toMatchObject({
      code: 'NO_SUBGRAPHS',
    });
  });
});

describe('startRedis', () => {
  it('says to install redis-server or set REDIS_URL when neither is available', async () => {
    await expect(startRedis({ searchPath: '/nonexistent' })).rejects.toMatchObject({
      code: 'REDIS_UNAVAILABLE',
      message: REDIS_MISSING_MESSAGE,
    });
    expect(REDIS_MISSING_MESSAGE).toMatch(/install redis-server/i);
    expect(REDIS_MISSING_MESSAGE).toContain('REDIS_URL');
  });

  it('starts a private redis-server that answers, and stops it', async () => {
    const redis = await startRedis({});
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const pid = redis.process?.pid ?? 0;
    expect(isRunning(pid)).toBe(true);
    await redis.process?.stop();
    expect(await stopsSoon(pid)).toBe(true);
  });

  it('uses REDIS_URL as given without starting anything', async () => {
    const redis = await startRedis({ url: 'redis://cache.internal:6379' });
    expect(redis).toEqual({ url: 'redis://cache.internal:6379', process: undefined });
  });
});
