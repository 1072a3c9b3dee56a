import type { SubgraphContext } from '@tessera/subgraph-kit';
import type { PaymentsLoaders } from './loaders.js';

/** The per-request context of the payments resolvers, as built by the subgraph kit. */
export type PaymentsContext = SubgraphContext<PaymentsLoaders>;
