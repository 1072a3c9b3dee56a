import type { SubgraphContext } from '@tessera/subgraph-kit';
import type { CatalogLoaders } from './loaders.js';

/** The per-request context of the catalog resolvers, as built by the subgraph kit. */
export type CatalogContext = SubgraphContext<CatalogLoaders>;
