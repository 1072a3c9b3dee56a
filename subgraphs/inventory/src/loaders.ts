import DataLoader from 'dataloader';
import type { Db } from 'mongodb';
import { inKeyOrder } from '@tessera/subgraph-kit';
import { createStockRepository, type StockDocument } from './repositories/stock.js';

/** The DataLoader set of one request: never shared between callers. */
export interface InventoryLoaders {
  /** Stock by product id, one query per batch; `null` for a product with no stock record. */
  readonly stockByProductId: DataLoader<string, StockDocument | null>;
}

export function createLoaders({ db }: { readonly db: Db }): InventoryLoaders {
  const stock = createStockRepository(db);
  return {
    stockByProductId: new DataLoader(async (ids) =>
      inKeyOrder(ids, await stock.findByProductIds(ids), (doc) => doc._id),
    ),
  };
}
