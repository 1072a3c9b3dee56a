import { DownstreamServiceError } from '@tessera/errors';
import type { MoneyValue } from '../repositories/orders.js';

/** What an order needs to know of a product when it is placed. */
export interface CatalogProduct {
  readonly id: string;
  readonly name: string;
  readonly price: MoneyValue;
}

/** Catalog, as orders sees it: names and current prices, by product id. */
export interface ProductCatalog {
  /** The products found, by id; an unknown id is absent. */
  findProducts(ids: readonly string[]): Promise<ReadonlyMap<string, CatalogProduct>>;
}

export interface HttpProductCatalogOptions {
  /** Catalog's GraphQL endpoint (`SUBGRAPH_CATALOG_URL`). */
  readonly url: URL;
  /** @defaultValue 5000 */
  readonly timeoutMs?: number;
  /** @defaultValue globalThis.fetch */
  readonly fetch?: typeof fetch;
}

const QUERY = `query OrderProducts($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Product { id name price { amount currency } }
  }
}`;

interface EntitiesResponse {
  readonly data?: { readonly _entities?: readonly (CatalogProduct | null)[] } | null;
  readonly errors?: readonly { readonly message: string }[];
}

/**
 * Asks catalog's subgraph for products with the federation `_entities` query, the same one the
 * gateway sends: one request for every line of an order. Catalog is the source of truth for
 * prices; the order keeps the price it was placed at.
 */
export function createHttpProductCatalog(options: HttpProductCatalogOptions): ProductCatalog {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    async findProducts(ids) {
      let body: EntitiesResponse;
      try {
        const response = await doFetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({
            query: QUERY,
            variables: { representations: ids.map((id) => ({ __typename: 'Product', id })) },
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw new Error(`catalog answered HTTP ${String(response.status)}`);
        body = (await response.json()) as EntitiesResponse;
      } catch (cause) {
        throw new DownstreamServiceError(
          'The catalog could not be reached to price the order. Try again shortly.',
          { cause },
        );
      }
      const entities = body.data?._entities;
      if (!entities || (body.errors?.length ?? 0) > 0) {
        throw new DownstreamServiceError(
          'The catalog could not price the order. Try again shortly.',
          { cause: new Error(body.errors?.map((e) => e.message).join('; ') ?? 'no data') },
        );
      }
      const found = new Map<string, CatalogProduct>();
      for (const product of entities) if (product) found.set(product.id, product);
      return found;
    },
  };
}
