import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { eventContracts, type EventContract } from './contracts.js';
import { InvalidEnvelopeError } from './events-error.js';

/** Identity and W3C trace context, carried by every message. */
export const messageContextSchema = z.object({
  /** The acting user's id; null for work no user started (a timer, the system). */
  actorId: z.string().min(1).nullable(),
  /** The `x-request-id` of the request that started the work. */
  requestId: z.string().min(1),
  /** W3C `traceparent` of the producer. */
  traceparent: z.string().regex(/^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/),
  /** W3C `tracestate`, when the producer had one. */
  tracestate: z.string().optional(),
});

export type MessageContext = z.infer<typeof messageContextSchema>;

/**
 * What travels as a BullMQ job's `data`. The `id` is fixed when the message is written to the
 * outbox and becomes the job id, so every re-publication and every redelivery of one message
 * carries the same id: that is what the consumers de-duplicate on.
 */
export const messageEnvelopeSchema = z.object({
  // It becomes the BullMQ job id, which must not contain ':' nor be an integer.
  id: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[^:]+$/, 'must not contain ":" (BullMQ job ids cannot)')
    .refine((id) => !/^\d+$/.test(id), 'must not be an integer (BullMQ job ids cannot)'),
  /** The contract name (`<aggregate>.<past-tense verb>`, or a command name). */
  type: z.string().min(1),
  /** The payload's contract version. */
  version: z.number().int().min(1),
  /** ISO 8601 time of the state change that produced the message. */
  occurredAt: z.iso.datetime(),
  aggregateId: z.string().min(1),
  payload: z.unknown(),
  context: messageContextSchema,
});

export interface MessageEnvelope<P = unknown> extends Omit<
  z.infer<typeof messageEnvelopeSchema>,
  'payload'
> {
  readonly payload: P;
}

export interface CreateEnvelopeInput<P> {
  readonly type: string;
  readonly aggregateId: string;
  readonly payload: P;
  readonly context: MessageContext;
  /**
   * The aggregate's version or event sequence number after the change; gives the deterministic
   * id `${aggregateId}/${type}/${seq}` (`/`, not `:`, which BullMQ job ids cannot contain), so a retried producer writes the same message twice
   * under one id (the outbox's `_id` rejects the second).
   * @defaultValue undefined (a random UUID, fixed here, before the outbox write)
   */
  readonly seq?: number | string;
  /** An explicit id; wins over `seq`. @defaultValue derived from `seq`, else a UUID */
  readonly id?: string;
  /** @defaultValue the registered contract's version; required for unregistered types */
  readonly version?: number;
  /** @defaultValue now */
  readonly occurredAt?: Date;
}

function contractOf(type: string): EventContract | undefined {
  return Object.hasOwn(eventContracts, type)
    ? (eventContracts as Readonly<Record<string, EventContract>>)[type]
    : undefined;
}

function issuesOf(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    return `${path || '(root)'}: ${issue.message}`;
  });
}

/**
 * Builds a validated envelope. A registered type's payload is parsed with its contract (so the
 * producer fails fast, before anything is written); an unregistered type needs `version`.
 * @throws InvalidEnvelopeError when the envelope or its payload is invalid
 */
export function createEnvelope<P>(input: CreateEnvelopeInput<P>): MessageEnvelope<P> {
  const contract = contractOf(input.type);
  const version = input.version ?? contract?.version;
  if (version === undefined) {
    throw new TypeError(
      `createEnvelope: "${input.type}" is not in eventContracts; register it there or pass "version".`,
    );
  }
  const id =
    input.id ??
    (input.seq === undefined
      ? randomUUID()
      : `${input.aggregateId}/${input.type}/${String(input.seq)}`);
  return parseEnvelope({
    id,
    type: input.type,
    version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    aggregateId: input.aggregateId,
    payload: input.payload,
    context: input.context,
  }) as MessageEnvelope<P>;
}

/**
 * Validates an envelope received from a queue: its shape, its context, and (for a registered
 * type) its payload against the contract, at the contract's version.
 * @throws InvalidEnvelopeError (an `UnrecoverableError`: a worker will not retry it)
 */
export function parseEnvelope(data: unknown): MessageEnvelope {
  const parsed = messageEnvelopeSchema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidEnvelopeError('Invalid message envelope', issuesOf(parsed.error));
  }
  const envelope = parsed.data;
  const contract = contractOf(envelope.type);
  if (contract === undefined) return envelope;
  if (envelope.version !== contract.version) {
    throw new InvalidEnvelopeError(`Unsupported version of "${envelope.type}"`, [
      `version: expected ${String(contract.version)}, received ${String(envelope.version)}`,
    ]);
  }
  const payload = contract.schema.safeParse(envelope.payload);
  if (!payload.success) {
    throw new InvalidEnvelopeError(
      `Payload breaks the "${envelope.type}" contract`,
      issuesOf(payload.error, 'payload'),
    );
  }
  return { ...envelope, payload: payload.data };
}
