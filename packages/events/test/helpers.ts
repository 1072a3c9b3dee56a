import { createEnvelope, type MessageEnvelope } from '../src/envelope.js';
import type { EventsLogger } from '../src/events-logger.js';
import { jobContextFromRequest } from '../src/job-context.js';

/** Polls `check` until it returns true, or fails after `timeoutMs` (no fixed sleeps). */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  { timeoutMs = 15_000, intervalMs = 20, what = 'condition' } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

export function testEnvelope(
  overrides: { aggregateId?: string; seq?: number; payload?: unknown; type?: string } = {},
): MessageEnvelope {
  return createEnvelope({
    type: overrides.type ?? 'test.happened',
    version: 1,
    aggregateId: overrides.aggregateId ?? 'order-1',
    ...(overrides.seq === undefined ? {} : { seq: overrides.seq }),
    payload: overrides.payload ?? { n: 1 },
    context: jobContextFromRequest({
      principal: { userId: 'user-42' },
      requestId: 'req-1',
      traceparent: TRACEPARENT,
    }),
  });
}

export interface CapturingLogger extends EventsLogger {
  readonly lines: { level: string; bindings: Record<string, unknown>; obj: object; msg?: string }[];
}

/** A logger that records every line with its accumulated child bindings. */
export function capturingLogger(
  lines: CapturingLogger['lines'] = [],
  bindings: Record<string, unknown> = {},
): CapturingLogger {
  const log = (level: string) => (obj: object, msg?: string) => {
    lines.push({ level, bindings, obj, ...(msg === undefined ? {} : { msg }) });
  };
  return {
    lines,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (more) => capturingLogger(lines, { ...bindings, ...more }),
  };
}
