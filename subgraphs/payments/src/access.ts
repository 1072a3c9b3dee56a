import { requireOwnerOrAdmin, type Principal } from '@tessera/auth';
import type { PaymentDocument } from './repositories/payments.js';

/**
 * A customer sees only the payments of their own orders; an admin sees all. Payments are
 * personal data, so an anonymous caller sees none.
 * @throws UnauthenticatedError (UNAUTHENTICATED) for an anonymous caller
 * @throws ForbiddenError (FORBIDDEN) for another customer
 */
export function assertCanReadPayment(principal: Principal | null, payment: PaymentDocument): void {
  requireOwnerOrAdmin(
    principal,
    payment.customerId,
    "This payment belongs to another customer's order.",
  );
}
