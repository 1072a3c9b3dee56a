import type { z } from 'zod';

/**
 * The contract of one event or command carried on a BullMQ queue.
 *
 * `npm run schema:check` snapshots `z.toJSONSchema(schema)` into `schema/events/<name>.json` and
 * fails on a breaking change against the base (a field removed or retyped, optional made
 * required, an enum value removed, ...), so a consumer never meets a payload it cannot read.
 * A breaking change must bump `version` and be acknowledged in `schema/CHANGELOG.md`.
 */
export interface EventContract<Schema extends z.ZodType = z.ZodType> {
  /** Payload version, an integer from 1. Bump it with every breaking change to `schema`. */
  readonly version: number;
  /** The payload's schema: producers build it, consumers parse with it. */
  readonly schema: Schema;
}

/**
 * Every event and command, by name (`<aggregate>.<past-tense verb>`, e.g. `order.placed`).
 * Empty until the order saga (issue 6) defines its payloads here.
 */
export const eventContracts = {} as const satisfies Readonly<Record<string, EventContract>>;

/** The name of a registered event. */
export type EventName = keyof typeof eventContracts;
