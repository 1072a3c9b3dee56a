import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createEnvelope, parseEnvelope } from '../src/envelope.js';
import { testEnvelope } from './helpers.js';

// The registry is empty until the saga registers its payloads; stand one contract in for it.
vi.mock('../src/contracts.js', () => ({
  eventContracts: {
    'stock.reserved': { version: 2, schema: z.object({ quantity: z.number().int().min(1) }) },
  },
}));

const context = testEnvelope().context;

describe('envelopes of a registered contract', () => {
  it('take the contract’s version and validate the payload', () => {
    const envelope = createEnvelope({
      type: 'stock.reserved',
      aggregateId: 'p1',
      seq: 1,
      payload: { quantity: 3 },
      context,
    });
    expect(envelope).toMatchObject({ version: 2, payload: { quantity: 3 } });
  });

  it('reject a payload that breaks the contract, naming the field', () => {
    expect(() =>
      createEnvelope({
        type: 'stock.reserved',
        aggregateId: 'p1',
        payload: { quantity: 0 },
        context,
      }),
    ).toThrow(/Payload breaks the "stock.reserved" contract: payload.quantity/);
  });

  it('reject a version the consumer does not know', () => {
    const envelope = createEnvelope({
      type: 'stock.reserved',
      aggregateId: 'p1',
      payload: { quantity: 1 },
      context,
    });
    expect(() => parseEnvelope({ ...envelope, version: 3 })).toThrow(/expected 2, received 3/);
  });
});
