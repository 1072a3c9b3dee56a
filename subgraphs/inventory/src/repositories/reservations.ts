import type { ClientSession, Collection, Db, IndexDescription } from 'mongodb';

/**
 * Where one order's stock stands:
 * - `RESERVED`: its lines are held (counted in `stock.reserved`);
 * - `COMMITTED`: its lines are sold (moved on to `stock.committed`);
 * - `RELEASED`: its lines went back to `stock.available`, or, with no lines, a tombstone left by
 *   a release that arrived before the reserve (which is then refused);
 * - `FAILED`: the reservation was refused; nothing is held.
 */
export const RESERVATION_STATUSES = ['RESERVED', 'COMMITTED', 'RELEASED', 'FAILED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** One product line of a reservation. */
export interface ReservationLine {
  readonly productId: string;
  /** At least 1. */
  readonly quantity: number;
}

/** Why a `FAILED` reservation was refused, as its reply said. */
export interface ReservationFailure {
  readonly reason: string;
  /** The product that could not be reserved; null when the refusal concerns the whole order. */
  readonly productId: string | null;
}

/** The stock reservation of one order, as stored in `tessera_inventory.reservations`. */
export interface ReservationDocument {
  /** The order id: one reservation per order. */
  readonly _id: string;
  readonly status: ReservationStatus;
  /** The lines the order asked for; empty for a tombstone. */
  readonly lines: readonly ReservationLine[];
  /** Set for `FAILED`, null otherwise. */
  readonly failure: ReservationFailure | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const RESERVATIONS_COLLECTION = 'reservations';

// Every read and write is by `_id` (the order id), which MongoDB always indexes.
export const reservationIndexes: IndexDescription[] = [];

/** Reservation reads and writes; every one runs in the caller's transaction. */
export interface ReservationsRepository {
  find(orderId: string, session: ClientSession): Promise<ReservationDocument | null>;
  /** Fails with a duplicate key (or a write conflict) when the order already has one. */
  insert(reservation: ReservationDocument, session: ClientSession): Promise<void>;
  /**
   * Moves a reservation from status `from` to `to`.
   * @returns false when the reservation is not (or no longer) in `from`
   */
  transition(
    orderId: string,
    from: ReservationStatus,
    to: ReservationStatus,
    now: Date,
    session: ClientSession,
  ): Promise<boolean>;
}

export function reservationsCollection(db: Db): Collection<ReservationDocument> {
  return db.collection<ReservationDocument>(RESERVATIONS_COLLECTION);
}

export function createReservationsRepository(db: Db): ReservationsRepository {
  const reservations = reservationsCollection(db);
  return {
    find: (orderId, session) => reservations.findOne({ _id: orderId }, { session }),
    insert: async (reservation, session) => {
      await reservations.insertOne(reservation, { session });
    },
    transition: async (orderId, from, to, now, session) => {
      const result = await reservations.updateOne(
        { _id: orderId, status: from },
        { $set: { status: to, updatedAt: now } },
        { session },
      );
      return result.matchedCount === 1;
    },
  };
}
