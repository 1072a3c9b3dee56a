import type { ClientSession, Collection, Db, IndexDescription } from 'mongodb';

/**
 * The stock of one product, as stored in `tessera_inventory.stock`. The three counts move
 * between each other as orders progress (reserve: available → reserved; confirm: reserved →
 * committed; release: reserved → available), so their sum only changes when an admin sets stock
 * (`setAvailable`, which touches `available` only). `move` is the only other writer.
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

/** One of the three counts of a stock document. */
export type StockCount = 'available' | 'reserved' | 'committed';

/** Units of one product moving from one count to another (reserve: available → reserved). */
export interface StockMove {
  readonly productId: string;
  /** At least 1. */
  readonly quantity: number;
  readonly from: StockCount;
  readonly to: StockCount;
}

export interface StockRepository {
  /** One query for any number of product ids; the order of the result is unspecified. */
  findByProductIds(ids: readonly string[]): Promise<StockDocument[]>;
  /**
   * Sets the available count, creating the document (nothing reserved or committed) for a
   * product that has none. Returns the document as written.
   */
  setAvailable(productId: string, available: number, now: Date): Promise<StockDocument>;
  /**
   * Moves units between two counts of one product, only if `from` holds at least that many: one
   * conditional update, so no count goes negative and their sum is unchanged. Concurrent moves
   * on one product in transactions collide (WriteConflict) and the driver retries the loser.
   * @returns false when the product has no stock document or `from` holds too few units
   */
  move(move: StockMove, now: Date, session: ClientSession): Promise<boolean>;
  /** Whether the product has a stock document at all. */
  exists(productId: string, session: ClientSession): Promise<boolean>;
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
    move: async ({ productId, quantity, from, to }, now, session) => {
      if (from === to) throw new TypeError(`StockRepository.move: from and to are both ${from}.`);
      const result = await stock.updateOne(
        { _id: productId, [from]: { $gte: quantity } },
        { $inc: { [from]: -quantity, [to]: quantity }, $set: { updatedAt: now } },
        { session },
      );
      return result.matchedCount === 1;
    },
    exists: async (productId, session) =>
      (await stock.findOne({ _id: productId }, { session, projection: { _id: 1 } })) !== null,
  };
}
