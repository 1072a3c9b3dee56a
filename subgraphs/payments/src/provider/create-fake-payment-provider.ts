import { randomBytes } from 'node:crypto';
import { MongoServerError, type Db } from 'mongodb';
import type { PaymentToken } from '@tessera/events';
import type { PaymentProvider, ProviderCharge } from './payment-provider.js';
import {
  providerChargesCollection,
  type ProviderChargeDocument,
  type ProviderChargeStatus,
} from './provider-charges.js';
import {
  ChargeStateError,
  PaymentDeclinedError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  type DeclineReason,
} from './provider-errors.js';

/** The last four digits of the test card behind each token (the seed data's cards). */
export const TEST_CARD_LAST4: Readonly<Record<PaymentToken, string>> = {
  tok_ok: '4242',
  tok_decline: '0002',
  tok_flaky: '4444',
  tok_timeout: '0005',
};

/** How many calls per key `tok_flaky` fails before it authorizes. */
export const FLAKY_FAILURES = 2;

const DUPLICATE_KEY = 11_000;
/** Bounded retries of a void that races an `authorize` creating the same key. */
const VOID_RACE_RETRIES = 5;

export interface FakePaymentProvider extends PaymentProvider {
  /** The ledger entry of a key (its `charges` count is what tests assert), or null. */
  entry(idempotencyKey: string): Promise<ProviderChargeDocument | null>;
}

export interface CreateFakePaymentProviderOptions {
  /** Where the ledger (`provider_charges`) lives: payments' own database. */
  readonly db: Db;
  /**
   * How long each `authorize` takes after the provider has recorded the call, like a slow
   * network to a real provider: it lets tests kill a worker, cancel an order or time a saga step
   * out while a payment is in flight. @defaultValue 0
   */
  readonly latencyMs?: number;
}

/**
 * A payment provider for dev and tests, with a ledger in `provider_charges` that it writes
 * without any session (it is an external system: its state outlives payments' transactions).
 *
 * By token: `tok_ok` authorizes; `tok_decline` is declined (`card_declined`); `tok_flaky` is
 * unavailable on the first two calls per key, then authorizes; `tok_timeout` records the charge
 * and then times out on the first call, and a later call with the key returns that charge.
 * Every key holds at most one charge: conditional updates on the entry's status make
 * concurrent calls agree. `void` of an unknown key leaves a `VOIDED` tombstone, so a later
 * `authorize` with that key is declined with reason `voided`.
 */
export function createFakePaymentProvider(
  options: CreateFakePaymentProviderOptions,
): FakePaymentProvider {
  const ledger = providerChargesCollection(options.db);
  const latencyMs = options.latencyMs ?? 0;

  /** A held charge as returned to callers; `status` must be AUTHORIZED or CAPTURED. */
  const toCharge = (entry: ProviderChargeDocument): ProviderCharge => {
    const { chargeId, amount, last4, status } = entry;
    if (
      (status !== 'AUTHORIZED' && status !== 'CAPTURED') ||
      chargeId === null ||
      amount === null ||
      last4 === null
    ) {
      throw new Error(`provider ledger: entry ${entry._id} (${status}) holds no charge`);
    }
    return { chargeId, status, amount, last4 };
  };

  /** The settled outcome of an entry: its charge, a decline thrown, or null while PENDING. */
  const settled = (entry: ProviderChargeDocument): ProviderCharge | null => {
    switch (entry.status) {
      case 'PENDING':
        return null;
      case 'AUTHORIZED':
      case 'CAPTURED':
        return toCharge(entry);
      case 'VOIDED':
        throw new PaymentDeclinedError('voided', entry.last4);
      case 'DECLINED':
        throw new PaymentDeclinedError(
          (entry.declineReason as DeclineReason | null) ?? 'card_declined',
          entry.last4,
        );
    }
  };

  const current = async (idempotencyKey: string): Promise<ProviderChargeDocument> => {
    const entry = await ledger.findOne({ _id: idempotencyKey });
    if (entry === null) throw new Error(`provider ledger: entry ${idempotencyKey} vanished`);
    return entry;
  };

  /** PENDING → `status`; when another call settled the entry first, its outcome wins. */
  const settle = async (
    idempotencyKey: string,
    set: Partial<ProviderChargeDocument> & { status: ProviderChargeStatus },
    charged: boolean,
  ): Promise<ProviderChargeDocument> => {
    const updated = await ledger.findOneAndUpdate(
      { _id: idempotencyKey, status: 'PENDING' },
      { $set: { ...set, updatedAt: new Date() }, $inc: { charges: charged ? 1 : 0 } },
      { returnDocument: 'after' },
    );
    return updated ?? current(idempotencyKey);
  };

  return {
    async authorize({ idempotencyKey, token, amount }) {
      const now = new Date();
      const last4 = TEST_CARD_LAST4[token];
      const entry = await ledger.findOneAndUpdate(
        { _id: idempotencyKey },
        {
          $inc: { calls: 1 },
          $set: { updatedAt: now },
          $setOnInsert: {
            status: 'PENDING',
            token,
            amount,
            chargeId: null,
            last4,
            declineReason: null,
            charges: 0,
            createdAt: now,
          },
        },
        { upsert: true, returnDocument: 'after' },
      );
      if (entry === null) throw new Error(`provider ledger: upsert of ${idempotencyKey} failed`);
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      const existing = settled(entry);
      if (existing !== null) return existing;

      if (token === 'tok_decline') {
        const declined = await settle(
          idempotencyKey,
          { status: 'DECLINED', declineReason: 'card_declined' },
          false,
        );
        return settled(declined) ?? unreachable(idempotencyKey);
      }
      if (token === 'tok_flaky' && entry.calls <= FLAKY_FAILURES) {
        throw new ProviderUnavailableError(idempotencyKey);
      }
      const held = await settle(
        idempotencyKey,
        { status: 'AUTHORIZED', chargeId: `ch_${randomBytes(12).toString('hex')}`, amount, last4 },
        true,
      );
      const charge = settled(held) ?? unreachable(idempotencyKey);
      // The charge is recorded, but the caller never hears of it.
      if (token === 'tok_timeout' && entry.calls === 1) {
        throw new ProviderTimeoutError(idempotencyKey);
      }
      return charge;
    },

    async capture({ idempotencyKey }) {
      const captured = await ledger.findOneAndUpdate(
        { _id: idempotencyKey, status: { $in: ['AUTHORIZED', 'CAPTURED'] } },
        { $set: { status: 'CAPTURED', updatedAt: new Date() } },
        { returnDocument: 'after' },
      );
      if (captured !== null) return toCharge(captured);
      const entry = await ledger.findOne({ _id: idempotencyKey });
      throw new ChargeStateError(idempotencyKey, 'capture', entry?.status ?? null);
    },

    async void({ idempotencyKey }) {
      for (let attempt = 0; attempt < VOID_RACE_RETRIES; attempt++) {
        const now = new Date();
        const released = await ledger.findOneAndUpdate(
          { _id: idempotencyKey, status: { $in: ['PENDING', 'AUTHORIZED'] } },
          { $set: { status: 'VOIDED', updatedAt: now } },
        );
        if (released !== null) return { released: released.status === 'AUTHORIZED' };
        const entry = await ledger.findOne({ _id: idempotencyKey });
        if (entry?.status === 'VOIDED' || entry?.status === 'DECLINED') return { released: false };
        if (entry?.status === 'CAPTURED') {
          throw new ChargeStateError(idempotencyKey, 'void', entry.status);
        }
        if (entry === null) {
          try {
            await ledger.insertOne({
              _id: idempotencyKey,
              status: 'VOIDED',
              token: null,
              amount: null,
              chargeId: null,
              last4: null,
              declineReason: null,
              calls: 0,
              charges: 0,
              createdAt: now,
              updatedAt: now,
            });
            return { released: false };
          } catch (error) {
            // A concurrent `authorize` created the entry first: void that one.
            if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
          }
        }
      }
      throw new ProviderUnavailableError(idempotencyKey);
    },

    entry: (idempotencyKey) => ledger.findOne({ _id: idempotencyKey }),
  };
}

function unreachable(idempotencyKey: string): never {
  throw new Error(`provider ledger: entry ${idempotencyKey} is still PENDING after settling`);
}
