import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { OrdersContext } from '../context.js';
import type { SagaDocument, SagaStep } from '../saga/saga-document.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const Saga = {
  startedAt: (saga: SagaDocument) => saga.startedAt.toISOString(),
  updatedAt: (saga: SagaDocument) => saga.updatedAt.toISOString(),
  finishedAt: (saga: SagaDocument) => iso(saga.finishedAt),
} satisfies GraphQLResolverMap<OrdersContext>[string];

export const SagaStepResolvers = {
  startedAt: (step: SagaStep) => iso(step.startedAt),
  finishedAt: (step: SagaStep) => iso(step.finishedAt),
} satisfies GraphQLResolverMap<OrdersContext>[string];
