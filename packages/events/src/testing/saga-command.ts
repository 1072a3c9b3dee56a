import { TEST_TRACEPARENT } from '@tessera/testing';
import type { EventName, EventPayload } from '../contracts.js';
import { createEnvelope, type MessageEnvelope } from '../envelope.js';
import { jobContextFromRequest } from '../job-context.js';

/**
 * A saga command as orders sends it, for the tests of the services that consume it: id
 * `${orderId}/${type}/${seq}`, from a request of the demo customer.
 */
export function sagaCommand<N extends EventName>(
  type: N,
  payload: EventPayload<N> & { readonly orderId: string },
  seq = 1,
): MessageEnvelope<EventPayload<N>> {
  return createEnvelope({
    type,
    aggregateId: payload.orderId,
    seq,
    payload,
    context: jobContextFromRequest({
      principal: { userId: 'usr_0001' },
      requestId: 'req-saga',
      traceparent: TEST_TRACEPARENT,
    }),
  });
}
