import type { SagaStepResolvers } from '../generated/resolvers-types.js';
import { isoTimestamp } from '../iso-timestamp.js';

export const SagaStep: SagaStepResolvers = {
  startedAt: (step) => isoTimestamp(step.startedAt),
  finishedAt: (step) => isoTimestamp(step.finishedAt),
};
