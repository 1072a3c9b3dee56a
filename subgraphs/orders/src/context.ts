import type { SubgraphContext } from '@tessera/subgraph-kit';
import type { OrdersLoaders } from './loaders.js';

/** The per-request context of the orders resolvers, as built by the subgraph kit. */
export type OrdersContext = SubgraphContext<OrdersLoaders>;
