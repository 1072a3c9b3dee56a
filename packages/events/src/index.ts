export {
  eventContracts,
  SagaQueues,
  PAYMENT_TOKENS,
  type EventContract,
  type EventName,
  type EventPayload,
  type PaymentToken,
} from './contracts.js';
export {
  createEnvelope,
  parseEnvelope,
  messageEnvelopeSchema,
  messageContextSchema,
  type CreateEnvelopeInput,
  type MessageContext,
  type MessageEnvelope,
} from './envelope.js';
export {
  TransientError,
  InvalidEnvelopeError,
  DeadLetterNotFoundError,
  UnrecoverableError,
} from './events-error.js';
export { noopLogger, type EventsLogger } from './events-logger.js';
export {
  jobContextFromRequest,
  jobContextFromMessage,
  jobLogBindings,
  runWithJobContext,
  currentJobContext,
  isTraceparent,
  newTraceparent,
  traceIdOf,
  type RequestContextLike,
} from './job-context.js';
export {
  appendToOutbox,
  ensureOutboxIndexes,
  purgePublishedOutbox,
  toOutboxRecord,
  OUTBOX_COLLECTION,
  type OutboxMessage,
  type OutboxRecord,
} from './outbox.js';
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
export { redisConnectionOptions } from './redis-connection.js';
export {
  createQueue,
  queuePrefix,
  DEFAULT_JOB_OPTIONS,
  type CreateQueueOptions,
  type EnvelopeQueue,
} from './queue-factory.js';
export {
  createWorker,
  DEFAULT_STALLED_SETTINGS,
  type CreateWorkerOptions,
  type EnvelopeHandler,
  type JobRun,
} from './worker-factory.js';
export {
  listDeadLetters,
  retryDeadLetter,
  type DeadLetter,
  type ListDeadLettersOptions,
} from './dead-letters.js';
export {
  createIdempotentConsumer,
  ensureProcessedMessageIndexes,
  PROCESSED_MESSAGES_COLLECTION,
  type IdempotentConsumerOptions,
  type IdempotentHandler,
  type IdempotentResult,
  type IdempotentRun,
  type ProcessedMessage,
} from './idempotent-consumer.js';
export { appendSagaReply, type SagaReplyBody, type SagaReplyName } from './append-saga-reply.js';
export {
  createMessaging,
  type CreateMessagingOptions,
  type Messaging,
  type MessagingDeps,
} from './create-messaging.js';
export { messagingDepsFrom, type MessagingEnvLike } from './messaging-deps-from.js';
