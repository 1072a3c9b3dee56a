import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from './support/compose.js';
import { catalogSdl, startCatalog } from './support/fixtures.js';

const gatewayDir = fileURLToPath(new URL('..', import.meta.url));

type Catalog = Awaited<ReturnType<typeof startCatalog>>;
let catalog: Catalog;
let dir: string;

beforeAll(async () => {
  catalog = await startCatalog();
  dir = await mkdtemp(join(tmpdir(), 'tessera-gateway-main-'));
});

afterAll(async () => {
  await catalog?.subgraph.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs `src/main.ts` as the real process would run, collecting its output. */
function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: gatewayDir,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', GATEWAY_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /ready at (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`exited before ready:\n${stderr}`)));
  });
  // A run that is expected to fail never awaits `ready`.
  ready.catch(() => undefined);
  return { child, exited, ready, output: () => ({ stdout, stderr }) };
}

describe('gateway main', () => {
  it('exits 1 with one clear message when the supergraph file is missing', async () => {
    const path = join(dir, 'absent.graphql');
    const run = runMain({ SUPERGRAPH_PATH: path });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toContain(`Cannot load the supergraph at ${path}`);
  });

  it('serves, then drains and exits 0 on SIGTERM', async () => {
    const path = join(dir, 'supergraph.graphql');
    await writeFile(
      path,
      composeSupergraph([{ name: 'catalog', url: catalog.subgraph.url, sdl: catalogSdl() }]),
    );
    const run = runMain({ SUPERGRAPH_PATH: path, LOG_LEVEL: 'info' });
    const url = await run.ready;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ whoami }' }),
    });
    expect(await response.json()).toEqual({ data: { whoami: 'catalog' } });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const lines = run
      .output()
      .stdout.split('\n')
      .filter((l) => l.startsWith('{'));
    const messages = lines.map((l) => JSON.parse(l) as { msg: string; service?: string });
    expect(messages.every((m) => m.service === 'gateway')).toBe(true);
    expect(messages.map((m) => m.msg)).toContain('gateway stopped');
  });
});
