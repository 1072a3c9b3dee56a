import { hasRole, Roles, type Principal } from '@tessera/auth';
import { ForbiddenError, UnauthenticatedError } from '@tessera/errors';
import type { OrderDocument } from './repositories/orders.js';

/**
 * The signed-in caller. Every orders field is personal data, so none is open to anonymous callers.
 * @throws UnauthenticatedError (UNAUTHENTICATED) for an anonymous caller
 */
export function requireSignedIn(principal: Principal | null): Principal {
  if (principal === null) throw new UnauthenticatedError();
  return principal;
}

/** @throws ForbiddenError (FORBIDDEN) unless the caller is an admin */
export function requireAdmin(principal: Principal | null): Principal {
  const caller = requireSignedIn(principal);
  if (!hasRole(caller, Roles.admin)) throw new ForbiddenError('Only an admin may list all orders.');
  return caller;
}

/**
 * A customer sees only their own orders; an admin sees all.
 * @throws ForbiddenError (FORBIDDEN) when `customerId` is someone else and the caller no admin
 */
export function assertCustomerOrAdmin(
  caller: Principal,
  customerId: string,
  message: string,
): void {
  if (caller.userId !== customerId && !hasRole(caller, Roles.admin)) {
    throw new ForbiddenError(message);
  }
}

export function assertCanReadOrder(caller: Principal, order: OrderDocument): void {
  assertCustomerOrAdmin(caller, order.customerId, 'This order belongs to another customer.');
}
