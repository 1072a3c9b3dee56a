import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  /**
   * How long to keep polling before failing: under the integration tests' 30 s timeout, so the
   * failure names what never happened. @defaultValue 20000
   */
  readonly timeoutMs?: number;
  /** The pause between two checks. @defaultValue 20 */
  readonly intervalMs?: number;
}

/**
 * Polls `check` until it returns a value (anything but `undefined`) and resolves with it, or
 * fails after `timeoutMs` with an error naming `what` it waited for. Tests wait on a condition
 * this way instead of sleeping a fixed time.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  { timeoutMs = 20_000, intervalMs = 20 }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`);
    }
    await sleep(intervalMs);
  }
}
