/**
 * CRUD throughput of the embedded server through the real driver (`npm run bench`). Not a test:
 * it asserts nothing and prints a table. The point to read off it: lookups by `_id` and by an
 * indexed field cost the same at 10k and 100k documents, while an unindexed scan grows with the
 * collection.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient, type Collection } from 'mongodb';
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
const LOOKUPS = 2_000;
const INSERT_ONES = 2_000;
const SCANS = 10;
const BATCH = 1_000;
const WARM_UP = 5_000;

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
function* randomIds(count: number, max: number): Generator<number> {
  let x = 123_456_789;
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

async function benchSize(coll: Collection<Person>, size: number): Promise<Row[]> {
  const rows: Row[] = [];
  const record = (operation: string, ops: number, seconds: number): void => {
    rows.push({ size, operation, ops, seconds });
  };

  await coll.drop().catch(() => undefined);
  await coll.createIndex({ email: 1 }, { unique: true });

  record(
    `insertMany (batches of ${BATCH})`,
    size,
    await time(async () => {
      for (let start = 0; start < size; start += BATCH) {
        const docs: Person[] = [];
        for (let i = start; i < Math.min(start + BATCH, size); i += 1) docs.push(person(i));
        await coll.insertMany(docs, { ordered: true });
      }
    }),
  );

  record(
    'insertOne',
    INSERT_ONES,
    await time(async () => {
      for (let i = 0; i < INSERT_ONES; i += 1) await coll.insertOne(person(size + i));
    }),
  );

  let misses = 0;
  record(
    'find by _id',
    LOOKUPS,
    await time(async () => {
      for (const id of randomIds(LOOKUPS, size)) {
        if ((await coll.findOne({ _id: id })) === null) misses += 1;
      }
    }),
  );

  record(
    'find by indexed field (email)',
    LOOKUPS,
    await time(async () => {
      for (const id of randomIds(LOOKUPS, size)) {
        if ((await coll.findOne({ email: `user${id}@example.test` })) === null) misses += 1;
      }
    }),
  );

  record(
    'find by unindexed field (scan)',
    SCANS,
    await time(async () => {
      for (const id of randomIds(SCANS, size)) {
        // find (no limit), not findOne: the scan must cover the whole collection every time.
        if ((await coll.find({ bio: person(id).bio }).toArray()).length !== 1) misses += 1;
      }
    }),
  );

  // A miss means the benchmark measured the wrong thing (a fast empty answer).
  if (misses > 0) throw new Error(`${misses} lookups found nothing: the figures are not valid`);
  return rows;
}

function printTable(rows: readonly Row[]): void {
  const header = ['documents', 'operation', 'ops', 'seconds', 'ops/s'];
  const lines = rows.map((r) => [
    r.size.toLocaleString('en-US'),
    r.operation,
    String(r.ops),
    r.seconds.toFixed(2),
    Math.round(r.ops / r.seconds).toLocaleString('en-US'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const format = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  console.log(format(header));
  console.log(
    `|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  );
  for (const line of lines) console.log(format(line));
}

function printFlatness(rows: readonly Row[]): void {
  const [small, large] = SIZES;
  console.log('');
  for (const operation of [
    'find by _id',
    'find by indexed field (email)',
    'find by unindexed field (scan)',
  ]) {
    const at = (size: number): Row | undefined =>
      rows.find((r) => r.size === size && r.operation === operation);
    const a = at(small);
    const b = at(large);
    if (a === undefined || b === undefined) continue;
    const ratio = b.ops / b.seconds / (a.ops / a.seconds);
    console.log(
      `${operation}: ops/s at ${large.toLocaleString('en-US')} = ${(ratio * 100).toFixed(0)}% of ops/s at ${small.toLocaleString('en-US')}`,
    );
  }
}

async function main(): Promise<void> {
  const server = await startEmbeddedMongo({ port: 0 });
  const client = new MongoClient(server.uri);
  try {
    await client.connect();
    const coll = client.db('bench_crud').collection<Person>('people');
    // A discarded warm-up round, so that JIT compilation does not count against the first size.
    await benchSize(coll, WARM_UP);
    const rows: Row[] = [];
    for (const size of SIZES) rows.push(...(await benchSize(coll, size)));
    await client.db('bench_crud').dropDatabase();
    console.log(`mongo-embedded CRUD benchmark (node ${process.version}, in-memory, driver 7.x)\n`);
    printTable(rows);
    printFlatness(rows);
  } finally {
    await client.close();
    await server.stop();
  }
}

await main();
