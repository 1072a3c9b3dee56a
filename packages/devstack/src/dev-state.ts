import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What a running `npm run dev` tells other commands (`npm run seed`) about itself. */
export interface DevState {
  readonly pid: number;
  readonly mongoUri: string;
  readonly redisUrl: string;
  readonly graphqlUrl: string;
}

export function devStatePath(repoRoot: string): string {
  return join(repoRoot, '.dev/devstack.json');
}

/** The state of a dev stack that is still running, or null (none, or a stale file). */
export function readRunningDevState(repoRoot: string): DevState | null {
  let state: DevState;
  try {
    state = JSON.parse(readFileSync(devStatePath(repoRoot), 'utf8')) as DevState;
  } catch {
    return null;
  }
  if (typeof state.pid !== 'number' || typeof state.mongoUri !== 'string') return null;
  try {
    process.kill(state.pid, 0);
    return state;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it is still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? state : null;
  }
}

export function writeDevState(repoRoot: string, state: DevState): void {
  const path = devStatePath(repoRoot);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(state, null, 2)}\n`);
}

export function removeDevState(repoRoot: string): void {
  rmSync(devStatePath(repoRoot), { force: true });
}
