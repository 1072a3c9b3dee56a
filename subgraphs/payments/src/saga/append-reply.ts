import {
  appendToOutbox,
  createEnvelope,
  jobContextFromMessage,
  SagaQueues,
  type EventPayload,
  type IdempotentRun,
  type MessageEnvelope,
} from '@tessera/events';
import type { PaymentReply } from './payment-messages.js';

/** The contract's cap on `lastError`. */
const MAX_LAST_ERROR = 1_000;

/** What the handler says in a reply; the delivery report (`attempts`, `lastError`) is added. */
export type ReplyBody<N extends PaymentReply> = Omit<EventPayload<N>, 'attempts' | 'lastError'>;

/**
 * Appends the reply to `command` to payments' outbox, in the consumer's transaction: it commits
 * with the handler's effect or not at all. Its id is `${command.id}/reply`, one reply per
 * command; it carries the command's actor, request and trace, and how many deliveries it took
 * with the previous attempt's error.
 */
export async function appendReply<N extends PaymentReply>(
  command: MessageEnvelope,
  run: IdempotentRun,
  type: N,
  body: ReplyBody<N>,
): Promise<void> {
  // BullMQ leaves `failedReason` unset until an attempt fails.
  const failedReason = run.job.failedReason as string | undefined;
  const payload = {
    ...body,
    attempts: run.attempt,
    lastError: failedReason ? failedReason.slice(0, MAX_LAST_ERROR) : null,
  };
  await appendToOutbox(run.session, run.db, {
    queue: SagaQueues.orders,
    envelope: createEnvelope({
      type,
      aggregateId: body.orderId,
      id: `${command.id}/reply`,
      payload,
      context: jobContextFromMessage(run.context),
    }),
  });
  run.logger.info({ reply: type, attempts: payload.attempts }, 'payment reply queued');
}
