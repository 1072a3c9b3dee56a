import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onParentExit } from '../src/on-parent-exit.js';
import { REPO_ROOT } from '../src/repo-root.js';

const MODULE = new URL('../src/on-parent-exit.ts', import.meta.url).href;

/** `node -e` with the TypeScript loader, as `npm run dev` runs the dev stack. */
function nodeArgs(script: string): string[] {
  return ['--import', 'tsx', '--input-type=module', '-e', script];
}

describe('onParentExit', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls back once, with the old parent pid, when the parent pid changes', () => {
    vi.useFakeTimers();
    let parentPid = 4242;
    const onExit = vi.fn();
    onParentExit(onExit, { readParentPid: () => parentPid, intervalMs: 500 });

    vi.advanceTimersByTime(5_000);
    expect(onExit).not.toHaveBeenCalled();

    parentPid = 1; // re-parented to init
    vi.advanceTimersByTime(500);
    expect(onExit).toHaveBeenCalledExactlyOnceWith(4242);

    parentPid = 777; // a later change is not a second exit
    vi.advanceTimersByTime(5_000);
    expect(onExit).toHaveBeenCalledOnce();
  });

  it('calls back nothing once stopped', () => {
    vi.useFakeTimers();
    let parentPid = 4242;
    const onExit = vi.fn();
    const stop = onParentExit(onExit, { readParentPid: () => parentPid });
    stop();
    parentPid = 1;
    vi.advanceTimersByTime(5_000);
    expect(onExit).not.toHaveBeenCalled();
  });

  it('does not keep a process alive on its own', async () => {
    const child = spawn(
      process.execPath,
      nodeArgs(`import { onParentExit } from ${JSON.stringify(MODULE)}; onParentExit(() => {});`),
      { cwd: REPO_ROOT, stdio: 'ignore' },
    );
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });

  it('notices when the real parent process is SIGKILLed', async () => {
    // A grandchild watches its parent (the "launcher") and reports through the pipe it inherited,
    // which stays open after the launcher dies.
    const watcher = `
      import { onParentExit } from ${JSON.stringify(MODULE)};
      onParentExit((pid) => { console.log('parent ' + pid + ' exited'); process.exit(0); }, { intervalMs: 50 });
      console.log('watching ' + process.pid);
      setInterval(() => {}, 1000);`;
    const launcher = `
      import { spawn } from 'node:child_process';
      spawn(process.execPath, ${JSON.stringify(nodeArgs(watcher))}, { stdio: 'inherit' });
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', launcher], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: parent.stdout })[Symbol.asyncIterator]();
    const watcherPid = Number(/^watching (\d+)$/.exec(String((await lines.next()).value))?.[1]);
    try {
      parent.kill('SIGKILL');
      const report = await Promise.race([
        lines.next().then((line) => line.value as string | undefined),
        new Promise((resolve) => setTimeout(() => resolve('no report within 5 s'), 5_000)),
      ]);
      expect(report).toBe(`parent ${String(parent.pid)} exited`);
    } finally {
      try {
        process.kill(watcherPid, 'SIGKILL');
      } catch {
        // Already gone: it exited after reporting.
      }
    }
  });
});
