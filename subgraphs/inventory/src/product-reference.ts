/**
 * A product as this subgraph knows it: the id, plus catalog's `weight` when the gateway sent it
 * for `@requires(fields: "weight")`. codegen.ts maps the schema's `Product` to it.
 */
export interface ProductReference {
  readonly id: string;
  readonly weight?: number;
}
