import {
  appendToOutbox,
  createEnvelope,
  jobContextFromMessage,
  SagaQueues,
  type EventPayload,
  type IdempotentRun,
  type MessageEnvelope,
} from '@tessera/events';

/** The replies inventory sends the orders saga. */
export type StockReplyType =
  'stock.reserved' | 'stock.reservation-failed' | 'stock.released' | 'stock.committed';

/** A reply's payload without the attempt report, which {@link appendReply} fills in. */
export type StockReplyBody<T extends StockReplyType> = Omit<
  EventPayload<T>,
  'attempts' | 'lastError'
>;

/** The contract's limit on `lastError`. */
const LAST_ERROR_MAX = 1_000;

/**
 * Writes the reply to `command` into inventory's outbox, in the handler's transaction: it
 * commits with the stock change or not at all. Its id is `${command.id}/reply`, so the reply
 * of one command is written once. It reports the attempt it took and the previous attempt's
 * error (BullMQ's `failedReason`), for `Order.saga.steps`.
 */
export async function appendReply<T extends StockReplyType>(
  run: IdempotentRun,
  command: MessageEnvelope,
  type: T,
  body: StockReplyBody<T> & { readonly orderId: string },
): Promise<MessageEnvelope<EventPayload<T>>> {
  const failedReason = run.job.failedReason as string | undefined;
  const payload = {
    ...body,
    attempts: run.attempt,
    lastError: failedReason ? failedReason.slice(0, LAST_ERROR_MAX) : null,
  } as EventPayload<T>;
  const reply = createEnvelope({
    type,
    aggregateId: body.orderId,
    id: `${command.id}/reply`,
    payload,
    context: jobContextFromMessage(run.context),
  });
  await appendToOutbox(run.session, run.db, { queue: SagaQueues.orders, envelope: reply });
  return reply;
}
