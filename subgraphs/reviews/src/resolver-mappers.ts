// What the reviews resolvers hand to GraphQL for the types reviews does not store: the kit's
// connection shapes over review documents, and products and users as references. codegen.ts
// maps the schema's types to these (its `mappers`).
import type { Connection, Edge } from '@tessera/subgraph-kit';
import type { ReviewDocument } from './repositories/reviews.js';

export type ReviewConnectionValue = Connection<ReviewDocument>;
export type ReviewEdgeValue = Edge<ReviewDocument>;
export type { PageInfo as PageInfoValue } from '@tessera/subgraph-kit';

/** A product as this subgraph knows it: only the id catalog gave it. */
export interface ProductReference {
  readonly id: string;
}

/** A user as this subgraph knows it: only the id accounts gave it. */
export interface UserReference {
  readonly id: string;
}
