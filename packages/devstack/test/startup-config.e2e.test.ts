// Bad configuration stops a real process at startup with one message that lists every problem.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverSubgraphs } from '../src/discover-subgraphs.js';
import { REPO_ROOT } from '../src/repo-root.js';
import { spawnNodeService } from '../src/spawn-node-service.js';

/** Starts a service with exactly `env` (plus PATH), and returns its exit code and output. */
async function runWithEnv(name: string, cwd: string, env: Record<string, string>) {
  const child = spawnNodeService({
    name,
    cwd,
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
  const exit = await child.exited;
  return { code: exit.code, output: child.lastLines().join('\n') };
}

/** The variable names a `@tessera/config` message lists, one `  - NAME: problem` per line. */
function listedVariables(output: string): string[] {
  return [...output.matchAll(/^ {2}- ([A-Z0-9_]+): /gm)].map((m) => m[1] ?? '').sort();
}

describe('bad configuration at startup', () => {
  it('stops the gateway in production without JWT settings, naming each missing one', async () => {
    const { code, output } = await runWithEnv('gateway', join(REPO_ROOT, 'gateway'), {
      NODE_ENV: 'production',
      GATEWAY_PORT: 'not-a-port',
    });
    expect(code).toBe(1);
    expect(output.match(/invalid configuration/g)).toHaveLength(1);
    expect(output).toMatch(/^gateway: invalid configuration \(4 problems\)/m);
    expect(listedVariables(output)).toEqual([
      'GATEWAY_PORT',
      'JWKS_URL',
      'JWT_AUDIENCE',
      'JWT_ISSUER',
    ]);
    expect(output).not.toContain('not-a-port');
  }, 60_000);

  it('stops a subgraph with a malformed MONGODB_URI, listing it with the production problems', async () => {
    const catalog = discoverSubgraphs(REPO_ROOT).find((s) => s.name === 'catalog');
    expect(catalog).toBeDefined();
    const { code, output } = await runWithEnv('catalog', catalog?.dir ?? '', {
      NODE_ENV: 'production',
      MONGODB_URI: 'postgres://user:secret@db/shop',
    });
    expect(code).toBe(1);
    expect(output.match(/invalid configuration/g)).toHaveLength(1);
    expect(output).toMatch(/^catalog: invalid configuration \(4 problems\)/m);
    expect(listedVariables(output)).toEqual([
      'JWKS_URL',
      'JWT_AUDIENCE',
      'JWT_ISSUER',
      'MONGODB_URI',
    ]);
    // A bad value may be a secret: the message names the variable, never its value.
    expect(output).not.toContain('secret');
  }, 60_000);
});
