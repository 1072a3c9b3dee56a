import { TEST_TRACEPARENT } from '@tessera/testing';
import { createEnvelope, type MessageEnvelope } from '../src/envelope.js';
import { jobContextFromRequest } from '../src/job-context.js';

/** An envelope of an unregistered test type (any payload), from a request of `user-42`. */
export function testEnvelope(
  overrides: { aggregateId?: string; seq?: number; payload?: unknown; type?: string } = {},
): MessageEnvelope {
  return createEnvelope({
    type: overrides.type ?? 'test.happened',
    version: 1,
    aggregateId: overrides.aggregateId ?? 'order-1',
    ...(overrides.seq === undefined ? {} : { seq: overrides.seq }),
    payload: overrides.payload ?? { n: 1 },
    context: jobContextFromRequest({
      principal: { userId: 'user-42' },
      requestId: 'req-1',
      traceparent: TEST_TRACEPARENT,
    }),
  });
}
