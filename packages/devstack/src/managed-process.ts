import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { withParentDeathSignal } from './parent-death.js';

export type OutputStream = 'stdout' | 'stderr';

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ManagedProcessOptions {
  /** Shown as the prefix of every output line: `catalog`. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The child's complete environment (nothing is inherited implicitly). */
  readonly env: NodeJS.ProcessEnv;
  /** Called with every output line, without its newline. */
  readonly onLine?: (line: string, stream: OutputStream) => void;
  /** How many recent lines to keep for error reports. @defaultValue 30 */
  readonly keepLines?: number;
}

/**
 * A child process in its own process group, so stopping it also stops anything it spawned, and
 * a terminal's Ctrl-C reaches only the dev stack, which then stops children in order.
 */
export class ManagedProcess {
  readonly name: string;
  readonly exited: Promise<ExitInfo>;
  /** Whether the kernel will SIGTERM this child if the dev stack dies abruptly. */
  readonly parentDeathGuarded: boolean;
  readonly #child: ChildProcess;
  readonly #lines: string[] = [];
  readonly #keep: number;
  #exit: ExitInfo | undefined;

  constructor(options: ManagedProcessOptions) {
    this.name = options.name;
    this.#keep = options.keepLines ?? 30;
    const wrapped = withParentDeathSignal(options.command, options.args);
    this.parentDeathGuarded = wrapped.guarded;
    this.#child = spawn(wrapped.command, wrapped.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.exited = new Promise<ExitInfo>((resolve) => {
      // 'close' (not 'exit') so the last output lines are read before we report them.
      this.#child.once('close', (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
      this.#child.once('error', (error) => {
        this.#remember(`${options.command}: ${error.message}`);
        this.#exit = { code: null, signal: null };
        resolve(this.#exit);
      });
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = this.#child[stream];
      if (!source) continue;
      createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => {
        this.#remember(line);
        options.onLine?.(line, stream);
      });
    }
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** The exit status once the process has ended, else undefined. */
  get exitInfo(): ExitInfo | undefined {
    return this.#exit;
  }

  /** The most recent output lines, oldest first. */
  lastLines(): string[] {
    return [...this.#lines];
  }

  /**
   * SIGTERM to the whole process group, then SIGKILL if it has not exited after `graceMs`.
   * Safe to call more than once and after the process has exited.
   */
  async stop(graceMs = 5_000): Promise<ExitInfo> {
    if (this.#exit) return this.#exit;
    this.#signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return outcome;
    this.#signal('SIGKILL');
    return this.exited;
  }

  /** Last resort from a synchronous `exit` handler: no waiting possible there. */
  killNow(): void {
    if (!this.#exit) this.#signal('SIGKILL');
  }

  #signal(signal: NodeJS.Signals): void {
    const pid = this.#child.pid;
    if (pid === undefined) return;
    try {
      // A negative pid addresses the process group the detached child leads.
      process.kill(-pid, signal);
    } catch {
      try {
        this.#child.kill(signal);
      } catch {
        // already gone
      }
    }
  }

  #remember(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.#keep) this.#lines.shift();
  }
}
