import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('the parent-watch preload (the orphan guard where setpriv is missing)', () => {
  it('makes a Node child stop itself when the dev stack dies without stopping it', async () => {
    const preload = new URL('../src/parent-watch.ts', import.meta.url).pathname;
    // A throwaway "dev stack": starts a detached child with the preload, prints its pid, then
    // is SIGKILLed before it can clean up.
    const script = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath,
        ['--import', 'tsx', '--import', ${JSON.stringify(preload)}, '-e', 'setInterval(() => {}, 1000)'],
        { detached: true, stdio: 'ignore', env: { ...process.env, TESSERA_DEVSTACK_PID: String(process.pid) } });
      console.log(child.pid);
      setInterval(() => {}, 1000);`;
    const stack = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const childPid = Number(
      await new Promise<string>((resolve) =>
        createInterface({ input: stack.stdout }).once('line', resolve),
      ),
    );
    stack.kill('SIGKILL');
    let running = true;
    for (let i = 0; i < 100 && running; i++) {
      await delay(100);
      running = isRunning(childPid);
    }
    if (running) process.kill(childPid, 'SIGKILL');
    expect(running).toBe(false);
  });
});
