import type { SagaResolvers } from '../generated/resolvers-types.js';
import { isoTimestamp } from '../iso-timestamp.js';

export const Saga: SagaResolvers = {
  startedAt: (saga) => saga.startedAt.toISOString(),
  updatedAt: (saga) => saga.updatedAt.toISOString(),
  finishedAt: (saga) => isoTimestamp(saga.finishedAt),
};
