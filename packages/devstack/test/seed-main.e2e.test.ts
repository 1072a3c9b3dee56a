// `npm run seed` against a given MongoDB: it runs every subgraph's seed, and a second run
// changes nothing.
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { testMongoUri, uniqueName } from '@tessera/testing';
import { discoverSubgraphs } from '../src/discover-subgraphs.js';
import { ManagedProcess } from '../src/managed-process.js';
import { REPO_ROOT } from '../src/repo-root.js';

const subgraphs = discoverSubgraphs(REPO_ROOT).filter((s) => s.hasSeed);
const databases = Object.fromEntries(subgraphs.map((s) => [s.name, uniqueName(`seed_${s.name}`)]));
const client = new MongoClient(testMongoUri());

afterAll(async () => {
  for (const db of Object.values(databases)) await client.db(db).dropDatabase();
  await client.close();
});

async function runSeed(): Promise<{ code: number | null; output: string }> {
  const seed = new ManagedProcess({
    name: 'seed',
    command: process.execPath,
    args: ['--import', 'tsx', join(REPO_ROOT, 'packages/devstack/src/seed-main.ts')],
    cwd: REPO_ROOT,
    env: {
      PATH: process.env['PATH'],
      MONGODB_URI: testMongoUri(),
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(
        subgraphs.map((s) => [`${s.envPrefix}_MONGODB_DB`, databases[s.name] ?? '']),
      ),
    },
    keepLines: 100,
  });
  const exit = await seed.exited;
  return { code: exit.code, output: seed.lastLines().join('\n') };
}

/** Document counts per database and collection. */
async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const db of Object.values(databases)) {
    for (const { name } of await client.db(db).listCollections().toArray()) {
      counts[`${db}.${name}`] = await client.db(db).collection(name).countDocuments();
    }
  }
  return counts;
}

describe('npm run seed', () => {
  it('seeds the dev accounts and at least 50 products, and is idempotent', async () => {
    expect(subgraphs.map((s) => s.name)).toEqual(expect.arrayContaining(['accounts', 'catalog']));
    const first = await runSeed();
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('in MONGODB_URI');

    const users = client.db(databases['accounts']).collection('users');
    const emails = (await users.find({}).toArray()).map((u) => String(u['email']));
    expect(emails).toEqual(expect.arrayContaining(['demo@tessera.dev', 'admin@tessera.dev']));
    expect(
      await client.db(databases['catalog']).collection('products').countDocuments(),
    ).toBeGreaterThanOrEqual(50);

    const before = await snapshot();
    const second = await runSeed();
    expect(second.code, second.output).toBe(0);
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
