// What the orders resolvers hand to GraphQL for the types they do not store: the kit's
// connection shapes over order documents, and users as references. codegen.ts maps the schema's
// types to these (its `mappers`).
import type { Connection, Edge } from '@tessera/subgraph-kit';
import type { OrderDocument } from './repositories/orders.js';

export type OrderConnectionValue = Connection<OrderDocument>;
export type OrderEdgeValue = Edge<OrderDocument>;
export type { PageInfo as PageInfoValue } from '@tessera/subgraph-kit';

/** A user as orders knows them: an id only (accounts owns the rest). */
export interface UserReference {
  readonly id: string;
}
