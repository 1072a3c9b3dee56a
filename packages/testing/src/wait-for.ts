import { eventually, type PollOptions } from './eventually.js';

/**
 * Polls `check` until it returns true, or fails after `timeoutMs` with an error naming `what` it
 * waited for (no fixed sleeps). {@link eventually} when the test needs the value found.
 */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  what: string,
  options?: PollOptions,
): Promise<void> {
  await eventually(async () => ((await check()) ? true : undefined), what, options);
}
