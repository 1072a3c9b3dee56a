import {
  createEnvelope,
  SagaQueues,
  type EventName,
  type MessageContext,
  type OutboxMessage,
} from '@tessera/events';
import type { SagaCommand } from './saga-types.js';

/** The queue of each message the saga sends: the service that consumes it. */
function queueOf(type: EventName): string {
  if (type.startsWith('stock.')) return SagaQueues.inventory;
  if (type.startsWith('payment.')) return SagaQueues.payments;
  return SagaQueues.orders;
}

/**
 * The outbox messages of one saga transition. Ids are `${orderId}/${type}/${version}` with the
 * order version the transition writes: a transition retried after a crash writes the same ids
 * (the outbox rejects the second copy), and two transitions never share one.
 */
export function sagaMessages(
  orderId: string,
  version: number,
  commands: readonly SagaCommand[],
  context: MessageContext,
): OutboxMessage[] {
  return commands.map((command) => ({
    queue: queueOf(command.type),
    envelope: createEnvelope({
      type: command.type,
      aggregateId: orderId,
      seq: version,
      payload: command.payload,
      context,
    }),
    ...(command.deliverAt === undefined ? {} : { deliverAt: command.deliverAt }),
  }));
}
