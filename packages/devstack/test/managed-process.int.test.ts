import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ManagedProcess } from '../src/managed-process.js';
import { hasParentDeathSignal } from '../src/parent-death.js';

const started: ManagedProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop(1_000)));
});

function node(name: string, script: string): ManagedProcess {
  const child = new ManagedProcess({
    name,
    command: process.execPath,
    args: ['-e', script],
    cwd: process.cwd(),
    env: { PATH: process.env['PATH'] ?? '' },
  });
  started.push(child);
  return child;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed process whose parent is gone stays a zombie until init reaps it: that is dead.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Polls, because a signalled process takes a moment to go. */
async function diesSoon(pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (!isAlive(pid)) return true;
    await delay(100);
  }
  return false;
}

async function firstLine(child: ManagedProcess): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const line = child.lastLines()[0];
    if (line !== undefined) return line;
    await delay(50);
  }
  throw new Error(`${child.name} printed nothing`);
}

describe('ManagedProcess', () => {
  it('keeps the last output lines of stdout and stderr for error reports', async () => {
    const child = new ManagedProcess({
      name: 'chatty',
      command: process.execPath,
      args: ['-e', 'for (let i = 1; i <= 5; i++) console.log("line " + i); console.error("oops")'],
      cwd: process.cwd(),
      env: {},
      keepLines: 3,
    });
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.lastLines()).toHaveLength(3);
    expect(child.lastLines()).toEqual(expect.arrayContaining(['line 4', 'line 5', 'oops']));
  });

  it('stops the whole process group, grandchildren included', async () => {
    const parent = node(
      'parent',
      `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       console.log(c.pid); setInterval(() => {}, 1000);`,
    );
    const grandchild = Number(await firstLine(parent));
    expect(isAlive(grandchild)).toBe(true);
    const exit = await parent.stop(2_000);
    expect(exit.signal).toBe('SIGTERM');
    expect(await diesSoon(grandchild)).toBe(true);
  });

  it('sends SIGKILL when a child ignores SIGTERM past the grace period', async () => {
    const stubborn = node(
      'stubborn',
      `process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);`,
    );
    await firstLine(stubborn);
    const exit = await stubborn.stop(300);
    expect(exit.signal).toBe('SIGKILL');
  });

  it('reports a command that cannot start as an exit with its error in the last lines', async () => {
    const missing = new ManagedProcess({
      name: 'missing',
      command: '/nonexistent/binary',
      args: [],
      cwd: process.cwd(),
      env: {},
    });
    const exit = await missing.exited;
    expect(exit.code).not.toBe(0);
    expect(missing.lastLines().join('\n')).toMatch(/nonexistent/);
  });

  it('leaves no orphan when the process that started it is killed with SIGKILL', async () => {
    // A throwaway "dev stack" starts one child the way createDevStack does (setpriv where the
    // platform has it, else the parent-watch preload), prints its pid and is then SIGKILLed.
    const src = (file: string) => new URL(`../src/${file}`, import.meta.url).pathname;
    const childArgs = hasParentDeathSignal()
      ? ['-e', 'setInterval(() => {}, 1000)']
      : [
          '--import',
          'tsx',
          '--import',
          src('parent-watch.ts'),
          '-e',
          'setInterval(() => {}, 1000)',
        ];
    const script = `
      import { ManagedProcess } from ${JSON.stringify(src('managed-process.ts'))};
      const child = new ManagedProcess({ name: 'c', command: process.execPath,
        args: ${JSON.stringify(childArgs)}, cwd: process.cwd(),
        env: { TESSERA_DEVSTACK_PID: String(process.pid) } });
      console.log(child.pid);
      setInterval(() => {}, 1000);`;
    const stack = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: stack.stdout }).once('line', resolve),
    );
    const childPid = Number(line);
    expect(isAlive(childPid)).toBe(true);
    stack.kill('SIGKILL');
    expect(await diesSoon(childPid)).toBe(true);
  });
});
