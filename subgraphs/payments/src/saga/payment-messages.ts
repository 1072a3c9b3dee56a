import {
  eventContracts,
  InvalidEnvelopeError,
  type EventPayload,
  type MessageEnvelope,
} from '@tessera/events';

/** The commands of the order saga that payments consumes (queue `payments`). */
export const PAYMENT_COMMANDS = [
  'payment.authorize-requested',
  'payment.capture-requested',
  'payment.void-requested',
] as const;
export type PaymentCommand = (typeof PAYMENT_COMMANDS)[number];

/** The replies payments sends the saga (queue `orders`). */
export type PaymentReply =
  'payment.authorized' | 'payment.declined' | 'payment.captured' | 'payment.voided';

/**
 * The typed payload of a payment command. The worker has already checked it against the
 * contract; parsing again keeps the handlers honest when called any other way.
 * @throws InvalidEnvelopeError (permanent) when the payload breaks the contract
 */
export function commandPayload<N extends PaymentCommand>(
  envelope: MessageEnvelope,
  type: N,
): EventPayload<N> {
  const parsed = eventContracts[type].schema.safeParse(envelope.payload);
  if (!parsed.success) {
    throw new InvalidEnvelopeError(
      `Payload breaks the "${type}" contract`,
      parsed.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`),
    );
  }
  return parsed.data as EventPayload<N>;
}
