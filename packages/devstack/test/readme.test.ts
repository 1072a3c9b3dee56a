// The README is the newcomer's contract: its commands must exist and its env table must list
// every variable a config module reads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/repo-root.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const scriptsOf = (path: string) =>
  (JSON.parse(read(path)) as { scripts?: Record<string, string> }).scripts ?? {};

/** Workspace package names to their package.json paths. */
function workspaces(): Map<string, string> {
  const found = new Map<string, string>();
  for (const group of ['packages', 'subgraphs']) {
    for (const name of readdirSync(join(REPO_ROOT, group))) {
      const path = join(group, name, 'package.json');
      if (existsSync(join(REPO_ROOT, path))) {
        found.set((JSON.parse(read(path)) as { name: string }).name, path);
      }
    }
  }
  for (const dir of ['gateway', 'schema', 'docker']) {
    found.set(
      (JSON.parse(read(`${dir}/package.json`)) as { name: string }).name,
      `${dir}/package.json`,
    );
  }
  return found;
}

/** The variable names a config module declares as zod object keys (`  NAME: field()`). */
function declaredVariables(path: string): string[] {
  return [...read(path).matchAll(/^\s+([A-Z][A-Z0-9_]+)\??: /gm)].map((m) => m[1] ?? '');
}

describe('README.md', () => {
  it('documents only npm scripts that exist', () => {
    const root = scriptsOf('package.json');
    const packages = workspaces();
    const commands = [...readme.matchAll(/npm run (-s )?([a-z:-]+)( -w (@tessera\/[a-z-]+))?/g)];
    expect(commands.length).toBeGreaterThan(5);
    for (const [command, , script = '', , workspace] of commands) {
      const scripts = workspace ? scriptsOf(packages.get(workspace) ?? 'missing') : root;
      expect(Object.keys(scripts), command).toContain(script);
    }
  });

  it('lists every variable the config modules read', () => {
    const modules = [
      'gateway/src/config.ts',
      'packages/subgraph-kit/src/subgraph-env.ts',
      ...readdirSync(join(REPO_ROOT, 'subgraphs'))
        .map((name) => `subgraphs/${name}/src/config.ts`)
        .filter((path) => existsSync(join(REPO_ROOT, path))),
    ];
    const variables = new Set(modules.flatMap(declaredVariables));
    expect(variables).toContain('JWKS_URL');
    const table = readme.slice(readme.indexOf('## Environment'), readme.indexOf('## Run it in'));
    for (const name of variables) expect(table, name).toContain(`\`${name}\``);
    // The per-domain and per-subgraph families.
    for (const family of [
      '<DOMAIN>_PORT',
      '<DOMAIN>_MONGODB_URI',
      '<DOMAIN>_MONGODB_DB',
      'SUBGRAPH_<NAME>_URL',
    ]) {
      expect(table).toContain(`\`${family}\``);
    }
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)\)/g)]
      .map((m) => m[1] ?? '')
      .filter((link) => !/^[a-z]+:/.test(link));
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(existsSync(join(REPO_ROOT, link)), link).toBe(true);
  });

  it('lists every contract port', () => {
    for (const [name, port] of Object.entries({ gateway: 4000, accounts: 4001, catalog: 4002 })) {
      expect(readme).toMatch(
        new RegExp(`\\| ${name} +\\| ${port} +\\| \`${name.toUpperCase()}_PORT\``),
      );
    }
  });
});
