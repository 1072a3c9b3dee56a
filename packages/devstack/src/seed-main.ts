// `npm run seed`: runs every subgraph's own seed script against MONGODB_URI, the running
// `npm run dev`'s database, or the dev embedded database (started just for this). Seeds are
// idempotent, so running it twice changes nothing.
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfigOrExit, mongoUri } from '@tessera/config';
import { readRunningDevState } from './dev-state.js';
import { discoverSubgraphs } from './discover-subgraphs.js';
import { ManagedProcess } from './managed-process.js';
import { createOutputPrinter } from './output-printer.js';
import { REPO_ROOT } from './repo-root.js';
import { startMongo } from './start-mongo.js';

const config = loadConfigOrExit('seed', z.object({ MONGODB_URI: mongoUri().optional() }));
const subgraphs = discoverSubgraphs(REPO_ROOT).filter((s) => s.hasSeed);
if (subgraphs.length === 0) {
  process.stderr.write('No subgraph has a src/seed-main.ts to run.\n');
  process.exit(1);
}

const running = readRunningDevState(REPO_ROOT);
const mongo = await startMongo({
  uri: config.MONGODB_URI ?? running?.mongoUri,
  dbPath: join(REPO_ROOT, '.dev/mongo'),
});
const where = config.MONGODB_URI
  ? 'MONGODB_URI'
  : running
    ? `the running npm run dev (${mongo.uri})`
    : 'the dev embedded database (.dev/mongo)';
process.stdout.write(`Seeding ${subgraphs.map((s) => s.name).join(', ')} in ${where}…\n`);

const print = createOutputPrinter({
  names: subgraphs.map((s) => s.name),
  color: process.stdout.isTTY,
  write: (text) => process.stdout.write(text),
});
const children = subgraphs.map(
  (s) =>
    new ManagedProcess({
      name: s.name,
      command: process.execPath,
      args: ['--import', 'tsx', 'src/seed-main.ts'],
      cwd: s.dir,
      env: {
        ...process.env,
        NODE_ENV: process.env['NODE_ENV'] ?? 'development',
        MONGODB_URI: mongo.uri,
      },
      onLine: (line) => print(s.name, line),
    }),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void Promise.all(children.map((c) => c.stop())).then(() => process.exit(130));
  });
}

const exits = await Promise.all(children.map((c) => c.exited));
await mongo.stop();
const failed = subgraphs.filter((_, i) => exits[i]?.code !== 0).map((s) => s.name);
if (failed.length > 0) {
  process.stderr.write(`Seeding failed for: ${failed.join(', ')}.\n`);
  process.exit(1);
}
process.stdout.write('Seeded.\n');
