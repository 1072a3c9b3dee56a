import { SagaQueues, type EventName, type EventPayload } from './contracts.js';
import { createEnvelope, type MessageEnvelope } from './envelope.js';
import type { IdempotentRun } from './idempotent-consumer.js';
import { jobContextFromMessage } from './job-context.js';
import { appendToOutbox } from './outbox.js';

/** How a step went at the service that ran it: what every saga reply reports. */
interface AttemptReport {
  readonly attempts: number;
  readonly lastError: string | null;
}

/**
 * The registered events that answer a saga command: their payload names the order and carries
 * the attempt report (`stock.reserved`, `payment.declined`, ...).
 */
export type SagaReplyName = {
  [N in EventName]: EventPayload<N> extends { readonly orderId: string } & AttemptReport
    ? N
    : never;
}[EventName];

/** What a handler says in a reply; {@link appendSagaReply} adds the attempt report. */
export type SagaReplyBody<N extends SagaReplyName> = Omit<EventPayload<N>, keyof AttemptReport> & {
  // Restated: TypeScript cannot see through `Omit` of a generic payload that `orderId` stays.
  readonly orderId: string;
};

/** The contract's limit on `lastError`. */
const LAST_ERROR_MAX = 1_000;

/**
 * Writes the reply to `command` into the service's outbox for the orders saga (queue
 * `SagaQueues.orders`), in the idempotent consumer's transaction: it commits with the handler's
 * effect or not at all. Its id is `${command.id}/reply`, so one command is answered once; it
 * carries the command's actor, request and trace, the delivery it took (`run.attempt`) and the
 * previous attempt's error (BullMQ's `failedReason`, cut to the contract's 1,000 characters),
 * for `Order.saga.steps`.
 * @throws InvalidEnvelopeError when the body breaks the reply's contract (nothing is written)
 */
export async function appendSagaReply<N extends SagaReplyName>(
  run: IdempotentRun,
  command: MessageEnvelope,
  type: N,
  body: SagaReplyBody<N>,
): Promise<MessageEnvelope<SagaReplyBody<N> & AttemptReport>> {
  // BullMQ leaves `failedReason` unset until an attempt fails; its type does not say so.
  const failedReason = run.job.failedReason as string | undefined;
  const reply = createEnvelope({
    type,
    aggregateId: body.orderId,
    id: `${command.id}/reply`,
    payload: {
      ...body,
      attempts: run.attempt,
      lastError: failedReason ? failedReason.slice(0, LAST_ERROR_MAX) : null,
    },
    context: jobContextFromMessage(run.context),
  });
  await appendToOutbox(run.session, run.db, { queue: SagaQueues.orders, envelope: reply });
  return reply;
}
