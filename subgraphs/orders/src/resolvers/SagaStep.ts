import { hasRole, Roles } from '@tessera/auth';
import type { SagaStepResolvers } from '../generated/resolvers-types.js';
import { isoTimestamp } from '../iso-timestamp.js';

/** What a customer sees of a transient failure: the services' own error text is for admins. */
export const RETRIED_AFTER_TEMPORARY_FAILURE = 'retried after a temporary failure';

export const SagaStep: SagaStepResolvers = {
  startedAt: (step) => isoTimestamp(step.startedAt),
  finishedAt: (step) => isoTimestamp(step.finishedAt),
  // A failed step's error is the saga's own reason (`card_declined`, `OUT_OF_STOCK: prod_0042`,
  // `timed out after 30000 ms`). A step that succeeded after retries carries the last transient
  // error of another service (a driver or queue message), which may name hosts or collections.
  lastError: (step, _args, context) => {
    if (step.lastError === null || step.status !== 'SUCCEEDED') return step.lastError;
    const admin = context.principal !== null && hasRole(context.principal, Roles.admin);
    return admin ? step.lastError : RETRIED_AFTER_TEMPORARY_FAILURE;
  },
};
