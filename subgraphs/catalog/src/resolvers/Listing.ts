import type { ListingResolvers } from '../generated/resolvers-types.js';
import type { CategoryDocument } from '../repositories/categories.js';
import type { ProductDocument } from '../repositories/products.js';

/** The id prefixes of the catalog's entities; an id's type is readable from the id alone. */
const CATEGORY_ID_PREFIX = 'cat_';

type ListingDocument = ProductDocument | CategoryDocument;

function isProduct(listing: ListingDocument): listing is ProductDocument {
  return 'price' in listing;
}

export const Listing: ListingResolvers = {
  // The gateway asks catalog for the concrete type of a `Listing` that accounts (an
  // @interfaceObject) only knows by id; both loaders batch, so a page of listings stays 2 queries.
  __resolveReference: (reference, context) =>
    reference.id.startsWith(CATEGORY_ID_PREFIX)
      ? context.loaders.categoryById.load(reference.id)
      : context.loaders.productById.load(reference.id),
  __resolveType: (listing: ListingDocument) => (isProduct(listing) ? 'Product' : 'Category'),
};
