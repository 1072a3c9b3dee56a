/**
 * CRUD throughput of the embedded server through the real driver (`npm run bench`). Not a test:
 * it asserts nothing and prints a table. The point to read off it: lookups by `_id` and by an
 * indexed field cost about the same at 10k and 100k documents, while an unindexed scan grows
 * with the collection.
 *
 * The machine is shared, so load swings during a run. Lookups are therefore measured in rounds
 * that alternate between the two collection sizes, and the table shows the median round.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient, type Collection, type Db } from 'mongodb';
import { startEmbeddedMongo } from '../src/index.js';

interface Person {
  _id: number;
  email: string;
  age: number;
  city: string;
  bio: string;
}

interface Row {
  readonly size: number;
  readonly operation: string;
  readonly ops: number;
  readonly seconds: number;
}

const SIZES = [10_000, 100_000] as const;
const BATCH = 1_000;
const INSERT_ONES = 2_000;
const LOOKUPS_PER_ROUND = 1_000;
const SCANS_PER_ROUND = 5;
const ROUNDS = 5;
const WARM_UP_SIZE = 5_000;

function person(i: number): Person {
  return {
    _id: i,
    email: `user${i}@example.test`,
    age: 18 + (i % 60),
    city: `city-${i % 500}`,
    bio: `person number ${i} `.repeat(4),
  };
}

/** A deterministic pseudo-random sequence, so runs are comparable. */
function* randomIds(count: number, max: number, seed: number): Generator<number> {
  let x = seed;
  for (let i = 0; i < count; i += 1) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    yield x % max;
  }
}

async function time(operation: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await operation();
  return (performance.now() - start) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Creates and fills `people_<size>`; returns the insert rows. */
async function load(db: Db, size: number): Promise<{ coll: Collection<Person>; rows: Row[] }> {
  const coll = db.collection<Person>(`people_${size}`);
  await coll.drop().catch(() => undefined);
  await coll.createIndex({ email: 1 }, { unique: true });
  const rows: Row[] = [];
  const insertMany = await time(async () => {
    for (let start = 0; start < size; start += BATCH) {
      const docs: Person[] = [];
      for (let i = start; i < Math.min(start + BATCH, size); i += 1) docs.push(person(i));
      await coll.insertMany(docs, { ordered: true });
    }
  });
  rows.push({
    size,
    operation: `insertMany (batches of ${BATCH})`,
    ops: size,
    seconds: insertMany,
  });
  const insertOne = await time(async () => {
    for (let i = 0; i < INSERT_ONES; i += 1) await coll.insertOne(person(size + i));
  });
  rows.push({ size, operation: 'insertOne', ops: INSERT_ONES, seconds: insertOne });
  return { coll, rows };
}

type Lookup = (coll: Collection<Person>, id: number) => Promise<boolean>;

const lookups: readonly { name: string; ops: number; run: Lookup }[] = [
  {
    name: 'find by _id',
    ops: LOOKUPS_PER_ROUND,
    run: async (coll, id) => (await coll.findOne({ _id: id })) !== null,
  },
  {
    name: 'find by indexed field (email)',
    ops: LOOKUPS_PER_ROUND,
    run: async (coll, id) => (await coll.findOne({ email: `user${id}@example.test` })) !== null,
  },
  {
    // find (no limit), not findOne: the scan must cover the whole collection every time.
    name: 'find by unindexed field (scan)',
    ops: SCANS_PER_ROUND,
    run: async (coll, id) => (await coll.find({ bio: person(id).bio }).toArray()).length === 1,
  },
];

/** Seconds per round for each (size, lookup), rounds alternating between the sizes. */
async function measureLookups(
  collections: ReadonlyMap<number, Collection<Person>>,
  rounds: number,
): Promise<Row[]> {
  const seconds = new Map<string, number[]>();
  let misses = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const lookup of lookups) {
      for (const [size, coll] of collections) {
        const elapsed = await time(async () => {
          for (const id of randomIds(lookup.ops, size, 1_000 + round)) {
            if (!(await lookup.run(coll, id))) misses += 1;
          }
        });
        const key = `${size}|${lookup.name}`;
        seconds.set(key, [...(seconds.get(key) ?? []), elapsed]);
      }
    }
  }
  // A miss means the benchmark measured the wrong thing (a fast empty answer).
  if (misses > 0) throw new Error(`${misses} lookups found nothing: the figures are not valid`);
  const rows: Row[] = [];
  for (const size of collections.keys()) {
    for (const lookup of lookups) {
      const runs = seconds.get(`${size}|${lookup.name}`) ?? [];
      rows.push({ size, operation: lookup.name, ops: lookup.ops, seconds: median(runs) });
    }
  }
  return rows;
}

function printTable(rows: readonly Row[]): void {
  const header = ['documents', 'operation', 'ops', 'seconds', 'ops/s'];
  const lines = rows.map((r) => [
    r.size.toLocaleString('en-US'),
    r.operation,
    String(r.ops),
    r.seconds.toFixed(3),
    Math.round(r.ops / r.seconds).toLocaleString('en-US'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const cell = (c: string, i: number): string =>
    i >= 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0);
  const format = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  console.log(format(header));
  const rule = widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2)));
  console.log(`|${rule.join('|')}|`);
  for (const line of lines) console.log(format(line));
}

function printFlatness(rows: readonly Row[]): void {
  const [small, large] = SIZES;
  console.log('');
  for (const { name } of lookups) {
    const rate = (size: number): number => {
      const row = rows.find((r) => r.size === size && r.operation === name);
      return row === undefined ? Number.NaN : row.ops / row.seconds;
    };
    const ratio = rate(large) / rate(small);
    console.log(
      `${name}: ops/s at ${large.toLocaleString('en-US')} docs = ${(ratio * 100).toFixed(0)}% of ops/s at ${small.toLocaleString('en-US')}`,
    );
  }
}

async function main(): Promise<void> {
  const server = await startEmbeddedMongo({ port: 0 });
  const client = new MongoClient(server.uri);
  try {
    await client.connect();
    const db = client.db('bench_crud');

    // A discarded warm-up, so that JIT compilation does not count against the first size.
    const warm = await load(db, WARM_UP_SIZE);
    await measureLookups(new Map([[WARM_UP_SIZE, warm.coll]]), 1);
    await warm.coll.drop();

    const rows: Row[] = [];
    const collections = new Map<number, Collection<Person>>();
    for (const size of SIZES) {
      const loaded = await load(db, size);
      rows.push(...loaded.rows);
      collections.set(size, loaded.coll);
    }
    rows.push(...(await measureLookups(collections, ROUNDS)));
    rows.sort((a, b) => a.size - b.size);
    await db.dropDatabase();

    console.log(
      `mongo-embedded CRUD benchmark (node ${process.version}, in memory, driver 7.x, ` +
        `lookups: median of ${ROUNDS} alternating rounds)\n`,
    );
    printTable(rows);
    printFlatness(rows);
  } finally {
    await client.close();
    await server.stop();
  }
}

await main();
