import type { PaymentToken } from '@tessera/events';
import type { MoneyValue } from '../repositories/payments.js';

/** What the provider holds for one idempotency key once money is (or was) held. */
export interface ProviderCharge {
  /** The provider's id of the charge, e.g. `ch_3f9a…`. */
  readonly chargeId: string;
  readonly status: 'AUTHORIZED' | 'CAPTURED';
  readonly amount: MoneyValue;
  /** The card's last four digits, for display (`card •••• 4242`). */
  readonly last4: string;
}

export interface AuthorizeRequest {
  /**
   * One charge per key, however many times `authorize` is called with it (retries, redeliveries,
   * a timed-out call whose charge went through). Payments uses the order id.
   */
  readonly idempotencyKey: string;
  /** The tokenised card; the fake provider's behaviour is chosen by it (see the README). */
  readonly token: PaymentToken;
  readonly amount: MoneyValue;
}

export interface ProviderKey {
  readonly idempotencyKey: string;
}

/** The outcome of `void`: whether a live hold was released by this call. */
export interface VoidResult {
  /** False when nothing was held (already voided, declined, or never authorized). */
  readonly released: boolean;
}

/**
 * A card payment provider, an external system: its calls are outside payments' transactions,
 * so each is idempotent by key and safe to repeat after a retry or an aborted transaction.
 */
export interface PaymentProvider {
  /**
   * Holds `amount` on the card, or returns the charge already held for the key.
   * @throws PaymentDeclinedError (permanent) when the card is refused, or the key was voided
   * @throws ProviderUnavailableError, ProviderTimeoutError (transient): try again with the same key
   */
  authorize(request: AuthorizeRequest): Promise<ProviderCharge>;
  /**
   * Takes the held amount; capturing a captured charge returns it.
   * @throws ChargeStateError when the key holds nothing to capture (unknown, voided, declined)
   */
  capture(key: ProviderKey): Promise<ProviderCharge>;
  /**
   * Releases the hold. An unknown key is recorded as voided, so a late `authorize` with it (a
   * call that was still in flight) is refused instead of holding money for a cancelled order.
   * @throws ChargeStateError when the charge was captured (that needs a refund, not a void)
   */
  void(key: ProviderKey): Promise<VoidResult>;
}
