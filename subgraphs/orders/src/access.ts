import { requireOwnerOrAdmin, type Principal } from '@tessera/auth';
import type { OrderDocument } from './repositories/orders.js';

/**
 * A customer sees only their own orders; an admin sees all.
 * @throws ForbiddenError (FORBIDDEN) when the order is someone else's and the caller no admin
 */
export function assertCanReadOrder(caller: Principal, order: OrderDocument): void {
  requireOwnerOrAdmin(caller, order.customerId, 'This order belongs to another customer.');
}
