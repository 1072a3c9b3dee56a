import { TransientError, UnrecoverableError } from '@tessera/events';
import { uniqueName, withTestDb, type TestDb } from '@tessera/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakePaymentProvider,
  type FakePaymentProvider,
} from '../src/provider/create-fake-payment-provider.js';
import {
  ChargeStateError,
  PaymentDeclinedError,
  ProviderTimeoutError,
  ProviderUnavailableError,
} from '../src/provider/provider-errors.js';

const AMOUNT = { amount: 4999, currency: 'USD' };

let t: TestDb;
let provider: FakePaymentProvider;

beforeAll(async () => {
  t = await withTestDb({ prefix: 'payments_provider' });
  provider = createFakePaymentProvider({ db: t.db });
});

afterAll(async () => {
  await t?.dispose();
});

/** A fresh idempotency key: every test has its own ledger entries. */
const newKey = () => uniqueName('ord');

/** What `promise` rejects with (fails the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

describe('fake payment provider', () => {
  it('authorizes tok_ok with card 4242, and a repeated call with the key returns that charge', async () => {
    const key = newKey();
    const first = await provider.authorize({
      idempotencyKey: key,
      token: 'tok_ok',
      amount: AMOUNT,
    });
    const again = await provider.authorize({
      idempotencyKey: key,
      token: 'tok_ok',
      amount: AMOUNT,
    });
    expect(first).toMatchObject({ status: 'AUTHORIZED', amount: AMOUNT, last4: '4242' });
    expect(first.chargeId).toMatch(/^ch_[\da-f]{24}$/);
    expect(again).toEqual(first);
    expect(await provider.entry(key)).toMatchObject({ calls: 2, charges: 1 });
  });

  it('makes one charge when ten calls with one key race', async () => {
    const key = newKey();
    const charges = await Promise.all(
      Array.from({ length: 10 }, () =>
        provider.authorize({ idempotencyKey: key, token: 'tok_ok', amount: AMOUNT }),
      ),
    );
    expect(new Set(charges.map((c) => c.chargeId)).size).toBe(1);
    expect(await provider.entry(key)).toMatchObject({ calls: 10, charges: 1 });
  });

  it('declines tok_decline for good (card_declined), on every call, without charging', async () => {
    const key = newKey();
    for (let call = 0; call < 2; call++) {
      const error = await rejectionOf(
        provider.authorize({ idempotencyKey: key, token: 'tok_decline', amount: AMOUNT }),
      );
      expect(error).toBeInstanceOf(PaymentDeclinedError);
      expect(error).toBeInstanceOf(UnrecoverableError);
      expect(error).toMatchObject({
        code: 'PAYMENT_DECLINED',
        reason: 'card_declined',
        last4: '0002',
      });
    }
    expect(await provider.entry(key)).toMatchObject({ status: 'DECLINED', charges: 0 });
  });

  it('fails tok_flaky transiently on the first two calls of a key, then authorizes once', async () => {
    const key = newKey();
    const call = () =>
      provider.authorize({ idempotencyKey: key, token: 'tok_flaky', amount: AMOUNT });
    for (let n = 0; n < 2; n++) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error).toBeInstanceOf(TransientError);
      expect(error).toMatchObject({ code: 'EVENTS_TRANSIENT', reason: 'provider_unavailable' });
    }
    expect(await call()).toMatchObject({ status: 'AUTHORIZED', last4: '4444' });
    expect(await provider.entry(key)).toMatchObject({ calls: 3, charges: 1 });
    // Another key starts its own count.
    await expect(
      provider.authorize({ idempotencyKey: newKey(), token: 'tok_flaky', amount: AMOUNT }),
    ).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('records a tok_timeout charge before timing out, and returns it to the retry instead of charging again', async () => {
    const key = newKey();
    const error = await rejectionOf(
      provider.authorize({ idempotencyKey: key, token: 'tok_timeout', amount: AMOUNT }),
    );
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(error).toMatchObject({ code: 'EVENTS_TRANSIENT', reason: 'provider_timeout' });
    const recorded = await provider.entry(key);
    expect(recorded).toMatchObject({ status: 'AUTHORIZED', charges: 1 });

    const retry = await provider.authorize({
      idempotencyKey: key,
      token: 'tok_timeout',
      amount: AMOUNT,
    });
    expect(retry.chargeId).toBe(recorded?.chargeId);
    expect(await provider.entry(key)).toMatchObject({ calls: 2, charges: 1 });
  });

  it('keeps its ledger when the caller’s transaction aborts (it is an external system)', async () => {
    const key = newKey();
    const callerState = t.db.collection<{ _id: string }>('caller_state');
    const session = t.client.startSession();
    try {
      const error = await rejectionOf(
        session.withTransaction(async () => {
          await callerState.insertOne({ _id: key }, { session });
          await provider.authorize({ idempotencyKey: key, token: 'tok_timeout', amount: AMOUNT });
        }),
      );
      expect(error).toBeInstanceOf(ProviderTimeoutError);
    } finally {
      await session.endSession();
    }
    expect(await callerState.findOne({ _id: key })).toBeNull();
    expect(await provider.entry(key)).toMatchObject({ status: 'AUTHORIZED', charges: 1 });
  });

  it('captures an authorized charge, and capturing it again returns it', async () => {
    const key = newKey();
    const held = await provider.authorize({ idempotencyKey: key, token: 'tok_ok', amount: AMOUNT });
    const captured = await provider.capture({ idempotencyKey: key });
    expect(captured).toEqual({ ...held, status: 'CAPTURED' });
    expect(await provider.capture({ idempotencyKey: key })).toEqual(captured);
    expect(await provider.entry(key)).toMatchObject({ status: 'CAPTURED', charges: 1 });
  });

  it('refuses to capture a key it holds nothing for, with ChargeStateError', async () => {
    const error = await rejectionOf(provider.capture({ idempotencyKey: newKey() }));
    expect(error).toBeInstanceOf(ChargeStateError);
    expect(error).toMatchObject({
      code: 'PROVIDER_CHARGE_STATE',
      operation: 'capture',
      status: null,
    });
  });

  it('voids an authorized charge once: the second void releases nothing', async () => {
    const key = newKey();
    await provider.authorize({ idempotencyKey: key, token: 'tok_ok', amount: AMOUNT });
    expect(await provider.void({ idempotencyKey: key })).toEqual({ released: true });
    expect(await provider.void({ idempotencyKey: key })).toEqual({ released: false });
    expect(await provider.entry(key)).toMatchObject({ status: 'VOIDED', charges: 1 });
    await expect(provider.capture({ idempotencyKey: key })).rejects.toBeInstanceOf(
      ChargeStateError,
    );
  });

  it('leaves a tombstone when voiding an unknown key, so a late authorize is declined "voided"', async () => {
    const key = newKey();
    expect(await provider.void({ idempotencyKey: key })).toEqual({ released: false });
    const error = await rejectionOf(
      provider.authorize({ idempotencyKey: key, token: 'tok_ok', amount: AMOUNT }),
    );
    expect(error).toBeInstanceOf(PaymentDeclinedError);
    expect(error).toMatchObject({ reason: 'voided' });
    expect(await provider.entry(key)).toMatchObject({ status: 'VOIDED', charges: 0 });
  });

  it('refuses to void a captured charge (that needs a refund)', async () => {
    const key = newKey();
    await provider.authorize({ idempotencyKey: key, token: 'tok_ok', amount: AMOUNT });
    await provider.capture({ idempotencyKey: key });
    const error = await rejectionOf(provider.void({ idempotencyKey: key }));
    expect(error).toMatchObject({
      code: 'PROVIDER_CHARGE_STATE',
      operation: 'void',
      status: 'CAPTURED',
    });
    expect(await provider.entry(key)).toMatchObject({ status: 'CAPTURED' });
  });
});
