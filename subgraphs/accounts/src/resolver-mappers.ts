// What the accounts resolvers hand to GraphQL for the connection types: the kit's connection
// shapes over user records. codegen.ts maps the schema's types to these (its `mappers`).
import type { Connection, Edge } from '@tessera/subgraph-kit';
import type { UserRecord } from './repositories/users.js';

export type UserConnectionValue = Connection<UserRecord>;
export type UserEdgeValue = Edge<UserRecord>;
export type { PageInfo as PageInfoValue } from '@tessera/subgraph-kit';

/** A catalog listing as accounts sees it: an id only (an `@interfaceObject`). */
export interface ListingReference {
  readonly id: string;
}
