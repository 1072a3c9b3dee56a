import {
  eventContracts,
  InvalidEnvelopeError,
  type EventName,
  type EventPayload,
  type MessageEnvelope,
} from '@tessera/events';

/**
 * The payload of a command, parsed with its contract (the worker has validated it already; this
 * gives it its type, and guards a handler called with the wrong message).
 * @throws InvalidEnvelopeError (unrecoverable) for another type or a payload off the contract
 */
export function commandPayload<N extends EventName>(
  envelope: MessageEnvelope,
  type: N,
): EventPayload<N> {
  if (envelope.type !== type) {
    throw new InvalidEnvelopeError(`Expected a "${type}" command`, [
      `type: received "${envelope.type}"`,
    ]);
  }
  const parsed = eventContracts[type].schema.safeParse(envelope.payload);
  if (!parsed.success) {
    throw new InvalidEnvelopeError(
      `Payload breaks the "${type}" contract`,
      parsed.error.issues.map((issue) => `payload.${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return parsed.data as EventPayload<N>;
}
