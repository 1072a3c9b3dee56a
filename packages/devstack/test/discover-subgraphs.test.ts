import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverSubgraphs, envPrefixOf } from '../src/discover-subgraphs.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function fakeRepo(layout: Record<string, string[]>): string {
  const root = mkdtempSync(join(tmpdir(), 'devstack-discover-'));
  roots.push(root);
  for (const [name, files] of Object.entries(layout)) {
    for (const file of files) {
      const path = join(root, 'subgraphs', name, file);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, '');
    }
  }
  return root;
}

describe('discoverSubgraphs', () => {
  it('finds every subgraph workspace with a src/main.ts, so a new one needs no registration', () => {
    const root = fakeRepo({
      catalog: ['package.json', 'src/main.ts', 'src/seed-main.ts'],
      'gift-cards': ['package.json', 'src/main.ts'],
      notes: ['README.md'],
      halfway: ['package.json'],
    });
    expect(discoverSubgraphs(root)).toEqual([
      {
        name: 'catalog',
        dir: join(root, 'subgraphs/catalog'),
        envPrefix: 'CATALOG',
        defaultPort: 4002,
        hasSeed: true,
      },
      {
        name: 'gift-cards',
        dir: join(root, 'subgraphs/gift-cards'),
        envPrefix: 'GIFT_CARDS',
        defaultPort: undefined,
        hasSeed: false,
      },
    ]);
  });

  it('returns nothing when there is no subgraphs folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'devstack-empty-'));
    roots.push(root);
    expect(discoverSubgraphs(root)).toEqual([]);
  });
});

describe('envPrefixOf', () => {
  it('upper-cases and turns separators into underscores', () => {
    expect(envPrefixOf('orders')).toBe('ORDERS');
    expect(envPrefixOf('gift-cards')).toBe('GIFT_CARDS');
  });
});
