import type { Collection, Db, IndexDescription } from 'mongodb';

/**
 * The stock of one product, as stored in `tessera_inventory.stock`. The three counts move
 * between each other as orders progress (reserve: available → reserved; confirm: reserved →
 * committed; release: reserved → available), so their sum only changes when an admin sets stock.
 */
export interface StockDocument {
  /** The catalog product id, e.g. `prod_0001`: one document per product. */
  readonly _id: string;
  /** Units that can be ordered now. Never negative. */
  readonly available: number;
  /** Units held by orders whose saga has not finished. */
  readonly reserved: number;
  /** Units sold to confirmed orders. */
  readonly committed: number;
  readonly updatedAt: Date;
}

export const STOCK_COLLECTION = 'stock';

// Every read and write is by `_id` (the product id), which MongoDB always indexes.
export const stockIndexes: IndexDescription[] = [];

export interface StockRepository {
  /** One query for any number of product ids; the order of the result is unspecified. */
  findByProductIds(ids: readonly string[]): Promise<StockDocument[]>;
  /**
   * Sets the available count, creating the document (nothing reserved or committed) for a
   * product that has none. Returns the document as written.
   */
  setAvailable(productId: string, available: number, now: Date): Promise<StockDocument>;
}

export function stockCollection(db: Db): Collection<StockDocument> {
  return db.collection<StockDocument>(STOCK_COLLECTION);
}

export function createStockRepository(db: Db): StockRepository {
  const stock = stockCollection(db);
  return {
    findByProductIds: (ids) => stock.find({ _id: { $in: [...ids] } }).toArray(),
    setAvailable: async (productId, available, now) => {
      const written = await stock.findOneAndUpdate(
        { _id: productId },
        { $set: { available, updatedAt: now }, $setOnInsert: { reserved: 0, committed: 0 } },
        { upsert: true, returnDocument: 'after' },
      );
      // An upsert with returnDocument 'after' always returns a document.
      if (!written) throw new Error(`Stock of ${productId} vanished while it was being set.`);
      return written;
    },
  };
}
