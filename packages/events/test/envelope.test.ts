import { TEST_TRACEPARENT } from '@tessera/testing';
import { describe, expect, it } from 'vitest';
import { createEnvelope, parseEnvelope } from '../src/envelope.js';
import { InvalidEnvelopeError, UnrecoverableError } from '../src/events-error.js';
import { isTraceparent, jobContextFromRequest } from '../src/job-context.js';
import { testEnvelope } from './helpers.js';

describe('createEnvelope', () => {
  it('derives a deterministic id from the aggregate, the type and the sequence number', () => {
    const a = testEnvelope({ aggregateId: 'order-1', seq: 2 });
    const b = testEnvelope({ aggregateId: 'order-1', seq: 2 });
    expect(a.id).toBe('order-1/test.happened/2');
    expect(b.id).toBe(a.id);
  });

  it('fixes a random id at creation when no sequence number is given', () => {
    expect(testEnvelope().id).not.toBe(testEnvelope().id);
  });

  it('rejects an unregistered type without a version, naming the fix', () => {
    expect(() =>
      createEnvelope({
        type: 'unknown.type',
        aggregateId: 'x',
        payload: {},
        context: testEnvelope().context,
      }),
    ).toThrow(/register it there or pass "version"/);
  });

  it('rejects an id BullMQ cannot use as a job id', () => {
    const error = (() => {
      try {
        return testEnvelope({ aggregateId: 'order:1', seq: 1 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidEnvelopeError);
    expect(error).toMatchObject({ code: 'EVENTS_INVALID_ENVELOPE' });
  });
});

describe('parseEnvelope', () => {
  it('accepts an envelope that went through JSON (as BullMQ stores it)', () => {
    const envelope = testEnvelope({ seq: 1 });
    expect(parseEnvelope(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
  });

  it('fails a missing context as a permanent error listing the fields', () => {
    const { context: _context, ...rest } = testEnvelope();
    const error = (() => {
      try {
        return parseEnvelope(rest);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error).toMatchObject({
      code: 'EVENTS_INVALID_ENVELOPE',
      issues: ['context: Invalid input: expected object, received undefined'],
    });
  });
});

describe('jobContextFromRequest', () => {
  it('carries the principal, the request id and the traceparent', () => {
    expect(
      jobContextFromRequest({
        principal: { userId: 'u1' },
        requestId: 'r1',
        traceparent: TEST_TRACEPARENT,
      }),
    ).toEqual({ actorId: 'u1', requestId: 'r1', traceparent: TEST_TRACEPARENT });
  });

  it('starts a new trace for an anonymous request without a valid traceparent', () => {
    const context = jobContextFromRequest({
      principal: null,
      requestId: 'r2',
      traceparent: 'garbage',
    });
    expect(context.actorId).toBeNull();
    expect(isTraceparent(context.traceparent)).toBe(true);
    expect(context.traceparent).not.toBe('garbage');
  });
});
