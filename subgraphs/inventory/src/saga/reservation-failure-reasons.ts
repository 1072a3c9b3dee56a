/** The `reason` of a `stock.reservation-failed` reply. */
export const ReservationFailureReasons = {
  /** A line asked for more units than are available; `productId` names it. */
  outOfStock: 'OUT_OF_STOCK',
  /** A line's product has no stock document; `productId` names it. */
  unknownProduct: 'UNKNOWN_PRODUCT',
  /** The order was released (compensated) before its reservation arrived. */
  orderCancelled: 'ORDER_CANCELLED',
} as const;

export type ReservationFailureReason =
  (typeof ReservationFailureReasons)[keyof typeof ReservationFailureReasons];
