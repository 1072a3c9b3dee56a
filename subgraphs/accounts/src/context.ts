import type { SubgraphContext } from '@tessera/subgraph-kit';
import type { AccountsLoaders } from './loaders.js';

/** The per-request context of the accounts resolvers, as built by the subgraph kit. */
export type AccountsContext = SubgraphContext<AccountsLoaders>;
