import { hasRole, Roles, type Principal } from '@tessera/auth';
import { ForbiddenError, UnauthenticatedError } from '@tessera/errors';
import type { PaymentDocument } from './repositories/payments.js';

/**
 * A customer sees only the payments of their own orders; an admin sees all. Payments are
 * personal data, so an anonymous caller sees none.
 * @throws UnauthenticatedError (UNAUTHENTICATED) for an anonymous caller
 * @throws ForbiddenError (FORBIDDEN) for another customer
 */
export function assertCanReadPayment(principal: Principal | null, payment: PaymentDocument): void {
  if (principal === null) throw new UnauthenticatedError();
  if (principal.userId !== payment.customerId && !hasRole(principal, Roles.admin)) {
    throw new ForbiddenError("This payment belongs to another customer's order.");
  }
}
