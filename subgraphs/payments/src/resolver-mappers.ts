// What the payments resolvers hand to GraphQL for the types payments does not store.
// codegen.ts maps the schema's types to these (its `mappers`).

/** An order as payments knows it: an id only (orders owns the rest). */
export interface OrderReference {
  readonly id: string;
}
