// What the catalog resolvers hand to GraphQL for the connection types: the kit's connection
// shapes over stored documents. codegen.ts maps the schema's types to these (its `mappers`).
import type { Connection, Edge } from '@tessera/subgraph-kit';
import type { ProductDocument } from './repositories/products.js';

export type ProductConnectionValue = Connection<ProductDocument>;
export type ProductEdgeValue = Edge<ProductDocument>;
export type { PageInfo as PageInfoValue } from '@tessera/subgraph-kit';
