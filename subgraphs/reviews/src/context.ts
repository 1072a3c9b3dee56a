import type { SubgraphContext } from '@tessera/subgraph-kit';
import type { ReviewsLoaders } from './loaders.js';

/** The per-request context of the reviews resolvers, as built by the subgraph kit. */
export type ReviewsContext = SubgraphContext<ReviewsLoaders>;
