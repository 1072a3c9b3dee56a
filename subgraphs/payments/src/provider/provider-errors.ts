import { TransientError, UnrecoverableError } from '@tessera/events';

/** Why the provider refuses a payment for good. */
export type DeclineReason =
  /** The card issuer refused the charge. */
  | 'card_declined'
  /** The idempotency key was voided before the charge was made: the order was cancelled. */
  | 'voided';

/**
 * The provider refused the payment. Permanent (an `UnrecoverableError`): retrying the same card
 * cannot succeed. The saga handles it as a business outcome, not a failure.
 */
export class PaymentDeclinedError extends UnrecoverableError {
  readonly code = 'PAYMENT_DECLINED' as const;
  readonly reason: DeclineReason;
  /** The card's last four digits, when the provider saw a card. */
  readonly last4: string | null;

  constructor(reason: DeclineReason, last4: string | null = null) {
    super(`The payment provider declined the payment: ${reason}`);
    this.reason = reason;
    this.last4 = last4;
  }
}

/**
 * The provider could not be reached or answered 503; nothing was charged. Transient: BullMQ
 * retries with backoff. (`code` stays `EVENTS_TRANSIENT`, its base class's literal; `reason`
 * tells the transient provider errors apart.)
 */
export class ProviderUnavailableError extends TransientError {
  readonly reason = 'provider_unavailable' as const;

  constructor(idempotencyKey: string) {
    super(`The payment provider is unavailable (key ${idempotencyKey}); nothing was charged`);
  }
}

/**
 * The call timed out: the provider may or may not have charged. Transient: a retry with the same
 * idempotency key returns the charge if there was one, and never charges twice.
 */
export class ProviderTimeoutError extends TransientError {
  readonly reason = 'provider_timeout' as const;

  constructor(idempotencyKey: string) {
    super(`The payment provider timed out (key ${idempotencyKey}); the charge may have been made`);
  }
}

/**
 * A capture of a key that holds nothing, or a void of a captured charge. Permanent: the caller's
 * view of the payment disagrees with the provider's, which retrying cannot fix.
 */
export class ChargeStateError extends UnrecoverableError {
  readonly code = 'PROVIDER_CHARGE_STATE' as const;
  readonly idempotencyKey: string;
  readonly operation: 'capture' | 'void';
  /** The charge's status at the provider; null for an unknown key. */
  readonly status: string | null;

  constructor(idempotencyKey: string, operation: 'capture' | 'void', status: string | null) {
    super(
      `Cannot ${operation} the charge of key ${idempotencyKey}: it is ${status ?? 'unknown to the provider'}`,
    );
    this.idempotencyKey = idempotencyKey;
    this.operation = operation;
    this.status = status;
  }
}
