import { findExecutable } from './find-executable.js';

let setprivPath: string | null | undefined;

function setpriv(): string | null {
  setprivPath ??= process.platform === 'linux' ? findExecutable('setpriv') : null;
  return setprivPath;
}

/** Whether children can be asked to receive SIGTERM when the dev stack dies (Linux setpriv). */
export function hasParentDeathSignal(): boolean {
  return setpriv() !== null;
}

/**
 * Wraps a command so the kernel sends it SIGTERM if this process dies without cleaning up
 * (SIGKILL, OOM). Our own shutdown handles every other case; this closes the orphan gap. It uses
 * util-linux `setpriv --pdeathsig`, which execs in place (same pid). Where it is missing, Node
 * children fall back to the `parent-watch.ts` preload and other commands go unguarded.
 */
export function withParentDeathSignal(
  command: string,
  args: readonly string[],
): { command: string; args: string[]; guarded: boolean } {
  const wrapper = setpriv();
  if (wrapper === null) return { command, args: [...args], guarded: false };
  return { command: wrapper, args: ['--pdeathsig', 'TERM', '--', command, ...args], guarded: true };
}
