import { fileURLToPath } from 'node:url';
import { ManagedProcess, type OutputStream } from './managed-process.js';
import { hasParentDeathSignal } from './parent-death.js';

const PARENT_WATCH = fileURLToPath(new URL('./parent-watch.ts', import.meta.url));

export interface NodeServiceOptions {
  readonly name: string;
  /** The workspace folder; the entry point is resolved from it. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** @defaultValue 'src/main.ts' */
  readonly entry?: string;
  readonly onLine?: (line: string, stream: OutputStream) => void;
}

/**
 * Starts a workspace's TypeScript entry point the way every Tessera process runs:
 * `node --import tsx src/main.ts` in its folder. Where the kernel cannot be asked to signal
 * orphans (no setpriv), the child also loads the parent-watch preload.
 */
export function spawnNodeService(options: NodeServiceOptions): ManagedProcess {
  const guarded = hasParentDeathSignal();
  return new ManagedProcess({
    name: options.name,
    command: process.execPath,
    args: [
      ...(guarded ? [] : ['--import', PARENT_WATCH]),
      '--import',
      'tsx',
      options.entry ?? 'src/main.ts',
    ],
    cwd: options.cwd,
    env: guarded ? options.env : { ...options.env, TESSERA_DEVSTACK_PID: String(process.pid) },
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
}
