import type { Collection, Db } from 'mongodb';
import type { PaymentToken } from '@tessera/events';
import type { MoneyValue } from '../repositories/payments.js';

/**
 * The fake provider's own ledger. It stands for an external system's state, so it is written
 * outside payments' transactions: a charge it records survives the consumer's transaction
 * aborting, as a real provider's would.
 */
export const PROVIDER_CHARGES_COLLECTION = 'provider_charges';

export const PROVIDER_CHARGE_STATUSES = [
  /** `authorize` was called, nothing is held yet (a transient failure so far). */
  'PENDING',
  'AUTHORIZED',
  'CAPTURED',
  /** Released, or a tombstone: voided before any charge, so a late `authorize` is refused. */
  'VOIDED',
  'DECLINED',
] as const;
export type ProviderChargeStatus = (typeof PROVIDER_CHARGE_STATUSES)[number];

/** One idempotency key at the provider. `_id` is the key: one entry, hence one charge, per key. */
export interface ProviderChargeDocument {
  readonly _id: string;
  readonly status: ProviderChargeStatus;
  /** The token of the first `authorize`; null for a void tombstone. */
  readonly token: PaymentToken | null;
  readonly amount: MoneyValue | null;
  /** Set when money is held. */
  readonly chargeId: string | null;
  readonly last4: string | null;
  readonly declineReason: string | null;
  /** `authorize` calls received for the key (`tok_flaky` fails the first two). */
  readonly calls: number;
  /** Times money was held for the key: 0 or 1, never more (what tests assert). */
  readonly charges: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export function providerChargesCollection(db: Db): Collection<ProviderChargeDocument> {
  return db.collection<ProviderChargeDocument>(PROVIDER_CHARGES_COLLECTION);
}
