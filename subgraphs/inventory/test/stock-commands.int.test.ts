import { SagaQueues, UnrecoverableError } from '@tessera/events';
import { capturingLogger, TEST_TRACEPARENT } from '@tessera/testing';
import { describe, expect, it } from 'vitest';
import { ReservationStateError } from '../src/saga/stock-command-error.js';
import {
  countsOf,
  deliver,
  outbox,
  processedCount,
  putStock,
  reservationOf,
  sagaTestDb,
  stockCommand,
} from './saga-fixture.js';

const reserve = (orderId: string, lines: { productId: string; quantity: number }[]) =>
  stockCommand('stock.reserve-requested', { orderId, lines });
const release = (orderId: string) => stockCommand('stock.release-requested', { orderId });
const commit = (orderId: string) => stockCommand('stock.commit-requested', { orderId });

describe('reserving stock', () => {
  it('holds every line and replies stock.reserved on the orders queue, in the same trace', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 5, prod_b: 3 });
    const command = reserve('ord_1', [
      { productId: 'prod_a', quantity: 2 },
      { productId: 'prod_b', quantity: 3 },
    ]);

    await expect(deliver(t.db, command)).resolves.toMatchObject({ duplicate: false });

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 3, reserved: 2, committed: 0 });
    expect(await countsOf(t.db, 'prod_b')).toEqual({ available: 0, reserved: 3, committed: 0 });
    expect(await reservationOf(t.db, 'ord_1')).toMatchObject({
      status: 'RESERVED',
      lines: [
        { productId: 'prod_a', quantity: 2 },
        { productId: 'prod_b', quantity: 3 },
      ],
      failure: null,
    });
    const [record, ...more] = await outbox(t.db);
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      _id: `${command.id}/reply`,
      queue: SagaQueues.orders,
      publishedAt: null,
      envelope: {
        id: `${command.id}/reply`,
        type: 'stock.reserved',
        aggregateId: 'ord_1',
        payload: { orderId: 'ord_1', attempts: 1, lastError: null },
        context: { actorId: 'usr_0001', requestId: 'req-saga', traceparent: TEST_TRACEPARENT },
      },
    });
  });

  it('when the second line is short, reserves nothing and replies OUT_OF_STOCK naming it', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 5, prod_b: 1 });

    await deliver(
      t.db,
      reserve('ord_1', [
        { productId: 'prod_a', quantity: 2 },
        { productId: 'prod_b', quantity: 2 },
      ]),
    );

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 5, reserved: 0, committed: 0 });
    expect(await countsOf(t.db, 'prod_b')).toEqual({ available: 1, reserved: 0, committed: 0 });
    expect(await reservationOf(t.db, 'ord_1')).toMatchObject({
      status: 'FAILED',
      failure: { reason: 'OUT_OF_STOCK', productId: 'prod_b' },
    });
    expect((await outbox(t.db)).map((r) => r.envelope)).toMatchObject([
      {
        type: 'stock.reservation-failed',
        payload: {
          orderId: 'ord_1',
          reason: 'OUT_OF_STOCK',
          productId: 'prod_b',
          attempts: 1,
          lastError: null,
        },
      },
    ]);
  });

  it('refuses a product with no stock record as UNKNOWN_PRODUCT and reserves nothing', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 5 });

    await deliver(
      t.db,
      reserve('ord_1', [
        { productId: 'prod_a', quantity: 1 },
        { productId: 'prod_ghost', quantity: 1 },
      ]),
    );

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 5, reserved: 0, committed: 0 });
    expect(await countsOf(t.db, 'prod_ghost')).toBeNull();
    expect((await outbox(t.db)).map((r) => r.envelope.payload)).toEqual([
      {
        orderId: 'ord_1',
        reason: 'UNKNOWN_PRODUCT',
        productId: 'prod_ghost',
        attempts: 1,
        lastError: null,
      },
    ]);
  });

  it('reserves two lines of one product against their sum', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 3 });

    await deliver(
      t.db,
      reserve('ord_1', [
        { productId: 'prod_a', quantity: 2 },
        { productId: 'prod_a', quantity: 2 },
      ]),
    );

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 3, reserved: 0, committed: 0 });
    expect((await outbox(t.db))[0]?.envelope.payload).toMatchObject({ reason: 'OUT_OF_STOCK' });
  });

  it("reports the attempt it took and the previous attempt's error, cut to 1,000 characters", async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 5 });

    await deliver(t.db, reserve('ord_1', [{ productId: 'prod_a', quantity: 1 }]), {
      attempt: 3,
      failedReason: `connection reset ${'x'.repeat(1_500)}`,
    });

    const payload = (await outbox(t.db))[0]?.envelope.payload as {
      attempts: number;
      lastError: string;
    };
    expect(payload.attempts).toBe(3);
    expect(payload.lastError).toHaveLength(1_000);
    expect(payload.lastError.startsWith('connection reset x')).toBe(true);
  });

  it('for an order already reserved (a new message id), holds nothing more and replies stock.reserved', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 5 });
    const lines = [{ productId: 'prod_a', quantity: 2 }];
    await deliver(t.db, stockCommand('stock.reserve-requested', { orderId: 'ord_1', lines }, 1));

    await deliver(t.db, stockCommand('stock.reserve-requested', { orderId: 'ord_1', lines }, 2));

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 3, reserved: 2, committed: 0 });
    expect((await outbox(t.db)).map((r) => r.envelope.type)).toEqual([
      'stock.reserved',
      'stock.reserved',
    ]);
  });
});

describe('releasing stock', () => {
  it('after a reservation, gives every unit back and marks the reservation RELEASED', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 5, prod_b: 4 });
    await deliver(
      t.db,
      reserve('ord_1', [
        { productId: 'prod_a', quantity: 2 },
        { productId: 'prod_b', quantity: 4 },
      ]),
    );

    await deliver(t.db, release('ord_1'));

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 5, reserved: 0, committed: 0 });
    expect(await countsOf(t.db, 'prod_b')).toEqual({ available: 4, reserved: 0, committed: 0 });
    expect((await reservationOf(t.db, 'ord_1'))?.status).toBe('RELEASED');
    expect((await outbox(t.db)).map((r) => [r.envelope.type, r.envelope.payload])).toEqual([
      ['stock.reserved', { orderId: 'ord_1', attempts: 1, lastError: null }],
      ['stock.released', { orderId: 'ord_1', attempts: 1, lastError: null }],
    ]);
  });

  it('before any reservation, leaves a tombstone: the late reserve is refused with ORDER_CANCELLED and moves no stock', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 5 });

    await deliver(t.db, release('ord_1'));
    expect(await reservationOf(t.db, 'ord_1')).toMatchObject({ status: 'RELEASED', lines: [] });

    await deliver(t.db, reserve('ord_1', [{ productId: 'prod_a', quantity: 2 }]));

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 5, reserved: 0, committed: 0 });
    expect(await reservationOf(t.db, 'ord_1')).toMatchObject({ status: 'RELEASED', lines: [] });
    expect((await outbox(t.db)).map((r) => [r.envelope.type, r.envelope.payload])).toEqual([
      ['stock.released', { orderId: 'ord_1', attempts: 1, lastError: null }],
      [
        'stock.reservation-failed',
        {
          orderId: 'ord_1',
          reason: 'ORDER_CANCELLED',
          productId: null,
          attempts: 1,
          lastError: null,
        },
      ],
    ]);
  });

  it('of a refused reservation, moves nothing and replies stock.released', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 1 });
    await deliver(t.db, reserve('ord_1', [{ productId: 'prod_a', quantity: 2 }]));

    await deliver(t.db, release('ord_1'));

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 1, reserved: 0, committed: 0 });
    expect((await reservationOf(t.db, 'ord_1'))?.status).toBe('FAILED');
    expect((await outbox(t.db)).map((r) => r.envelope.type)).toEqual([
      'stock.reservation-failed',
      'stock.released',
    ]);
  });

  it('of a committed order, keeps the units sold, warns, and still replies stock.released', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 5 });
    await deliver(t.db, reserve('ord_1', [{ productId: 'prod_a', quantity: 2 }]));
    await deliver(t.db, commit('ord_1'));
    const logger = capturingLogger();

    await deliver(t.db, release('ord_1'), { logger });

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 3, reserved: 0, committed: 2 });
    expect((await reservationOf(t.db, 'ord_1'))?.status).toBe('COMMITTED');
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', obj: { orderId: 'ord_1' } }),
    );
    expect((await outbox(t.db)).at(-1)?.envelope.type).toBe('stock.released');
  });
});

describe('committing stock', () => {
  it('moves the reserved units to committed and replies stock.committed', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 5, prod_b: 2 });
    await deliver(
      t.db,
      reserve('ord_1', [
        { productId: 'prod_a', quantity: 2 },
        { productId: 'prod_b', quantity: 1 },
      ]),
    );

    await deliver(t.db, commit('ord_1'));

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 3, reserved: 0, committed: 2 });
    expect(await countsOf(t.db, 'prod_b')).toEqual({ available: 1, reserved: 0, committed: 1 });
    expect((await reservationOf(t.db, 'ord_1'))?.status).toBe('COMMITTED');
    expect((await outbox(t.db)).at(-1)?.envelope).toMatchObject({
      type: 'stock.committed',
      payload: { orderId: 'ord_1', attempts: 1, lastError: null },
    });
  });

  it.each([
    ['never reserved', [] as string[], null],
    ['released', ['release'], 'RELEASED'],
    ['refused', ['reserve-too-many'], 'FAILED'],
  ])(
    'of an order %s, fails for good (unrecoverable) and changes nothing',
    async (_label, before, status) => {
      await using t = await sagaTestDb();
      await putStock(t.db, { prod_a: 5 });
      for (const step of before) {
        await deliver(
          t.db,
          step === 'release'
            ? release('ord_1')
            : reserve('ord_1', [{ productId: 'prod_a', quantity: 9 }]),
        );
      }
      const repliesBefore = (await outbox(t.db)).length;
      const marksBefore = await processedCount(t.db);

      const failure = await deliver(t.db, commit('ord_1')).then(
        () => undefined,
        (error: unknown) => error,
      );

      expect(failure).toBeInstanceOf(ReservationStateError);
      expect(failure).toBeInstanceOf(UnrecoverableError);
      expect(failure).toMatchObject({
        code: 'INVENTORY_RESERVATION_STATE',
        orderId: 'ord_1',
        status,
      });
      expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 5, reserved: 0, committed: 0 });
      expect(await outbox(t.db)).toHaveLength(repliesBefore);
      expect(await processedCount(t.db)).toBe(marksBefore);
    },
  );
});

describe('a command delivered twice', () => {
  it('has one effect and one reply, for reserve, commit and release alike', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 10 });
    const commands = [
      reserve('ord_1', [{ productId: 'prod_a', quantity: 3 }]),
      commit('ord_1'),
      reserve('ord_2', [{ productId: 'prod_a', quantity: 2 }]),
      release('ord_2'),
    ];

    for (const command of commands) {
      await expect(deliver(t.db, command)).resolves.toMatchObject({ duplicate: false });
      await expect(deliver(t.db, command)).resolves.toEqual({ duplicate: true });
    }

    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 7, reserved: 0, committed: 3 });
    expect((await outbox(t.db)).map((r) => r.envelope.type)).toEqual([
      'stock.reserved',
      'stock.committed',
      'stock.reserved',
      'stock.released',
    ]);
  });

  it('has one effect when both deliveries run at the same time', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 10 });
    const command = reserve('ord_1', [{ productId: 'prod_a', quantity: 3 }]);

    const outcomes = await Promise.all([deliver(t.db, command), deliver(t.db, command)]);

    expect(outcomes.filter((o) => o.duplicate)).toHaveLength(1);
    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 7, reserved: 3, committed: 0 });
    expect(await outbox(t.db)).toHaveLength(1);
  });
});

describe('concurrent reservations', () => {
  it('of one unit each, 30 against a stock of 10: exactly 10 reserved, 20 refused, never below zero', async () => {
    await using t = await sagaTestDb();
    await putStock(t.db, { prod_a: 10 });
    const seen: number[] = [];
    let running = true;
    // Samples the counts while the transactions race: none may ever read below zero.
    const sampler = (async () => {
      while (running) {
        const counts = await countsOf(t.db, 'prod_a');
        if (counts) seen.push(counts.available, counts.reserved, counts.committed);
        // A short pause keeps the sampler from starving the transactions it watches.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        deliver(t.db, reserve(`ord_${i}`, [{ productId: 'prod_a', quantity: 1 }])),
      ),
    ).finally(() => {
      running = false;
    });
    await sampler;

    expect(outcomes.every((o) => !o.duplicate)).toBe(true);
    const replies = (await outbox(t.db)).map((r) => r.envelope);
    expect(replies.filter((r) => r.type === 'stock.reserved')).toHaveLength(10);
    const refused = replies.filter((r) => r.type === 'stock.reservation-failed');
    expect(refused).toHaveLength(20);
    expect(refused.every((r) => (r.payload as { reason: string }).reason === 'OUT_OF_STOCK')).toBe(
      true,
    );
    expect(await countsOf(t.db, 'prod_a')).toEqual({ available: 0, reserved: 10, committed: 0 });
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
    // Every sample is one consistent document: its three counts always sum to the stock set.
    for (let i = 0; i < seen.length; i += 3) {
      expect(seen[i]! + seen[i + 1]! + seen[i + 2]!).toBe(10);
    }
  });
});
