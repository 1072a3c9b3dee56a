import type { SubgraphContext } from '@tessera/subgraph-kit';
import type { InventoryLoaders } from './loaders.js';

/** The per-request context of the inventory resolvers, as built by the subgraph kit. */
export type InventoryContext = SubgraphContext<InventoryLoaders>;
