import { setTimeout as delay } from 'node:timers/promises';
import { DevStackError } from './dev-stack-error.js';
import type { ManagedProcess } from './managed-process.js';

export interface WaitForReadyOptions {
  /** The readiness URL, e.g. `http://127.0.0.1:4002/readyz`. */
  readonly url: string;
  /** The process behind the URL: if it exits first, waiting fails at once with its last lines. */
  readonly process?: ManagedProcess;
  /** @defaultValue 60_000 */
  readonly timeoutMs?: number;
  /** @defaultValue 100 */
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
}

/** Polls `url` until it answers 2xx. */
export async function waitForReady(options: WaitForReadyOptions): Promise<void> {
  const { url, process: child } = options;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const name = child?.name ?? url;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    const exit = child?.exitInfo;
    if (child && exit) {
      const how = exit.signal ? `signal ${exit.signal}` : `code ${String(exit.code)}`;
      throw new DevStackError(
        'CHILD_EXITED',
        `${name} exited with ${how} during startup.`,
        child.lastLines(),
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await delay(options.intervalMs ?? 100);
  }
  throw new DevStackError(
    'READY_TIMEOUT',
    `${name} was not ready at ${url} in time (last: ${lastProblem}).`,
    child?.lastLines() ?? [],
  );
}
