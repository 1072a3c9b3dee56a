import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, testMongoUri, uniqueName } from '@tessera/testing';

const FIXTURE = fileURLToPath(new URL('./fixtures/slow-subgraph-main.ts', import.meta.url));

interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly url?: string;
}

/** Runs the fixture main.ts as a real process, with its stdout parsed as JSON log lines. */
function runFixture(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.match(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const waitFor = (match: (line: LogLine) => boolean) =>
    new Promise<LogLine>((resolve) => {
      const seen = lines.find(match);
      if (seen) resolve(seen);
      else waiters.push({ match, resolve });
    });
  return { child, lines, exited, waitFor, stderr: () => stderr };
}

// One real process is worth its few seconds of startup: signals, exit codes and stdout logs are
// the contract here. Startup failures and config errors are covered in-process (run-subgraph.test.ts).
describe('runSubgraph in a real process', () => {
  it('on SIGTERM finishes the in-flight request, then exits 0', async () => {
    const fixture = runFixture({
      MONGODB_URI: testMongoUri(),
      FIXTURE_MONGODB_DB: uniqueName('kit_run'),
      FIXTURE_PORT: String(await freePort()),
    });
    try {
      const ready = await fixture.waitFor((line) => line.url !== undefined);
      const request = fetch(ready.url ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ slow(ms: 500) }' }),
      });
      await fixture.waitFor((line) => line.msg === 'slow request started');
      fixture.child.kill('SIGTERM');
      const response = await request;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { slow: 'done' } });
      expect(await fixture.exited).toBe(0);
      expect(fixture.lines.map((l) => l.msg)).toContain('stopped');
    } finally {
      fixture.child.kill('SIGKILL');
    }
  });
});
