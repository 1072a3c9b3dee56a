import { ForbiddenError, UnauthenticatedError } from '@tessera/errors';
import { hasRole, Roles, type Principal } from './principal.js';

/**
 * The signed-in caller, for fields that are closed to anonymous callers.
 * @throws UnauthenticatedError (UNAUTHENTICATED) when `principal` is `null`
 */
export function requireUser(principal: Principal | null): Principal {
  if (principal === null) throw new UnauthenticatedError();
  return principal;
}

/**
 * The signed-in caller holding `role`.
 * @param message - the FORBIDDEN message; say what the role is needed for
 * @throws UnauthenticatedError (UNAUTHENTICATED) for an anonymous caller
 * @throws ForbiddenError (FORBIDDEN) for a signed-in caller without `role`
 */
export function requireRole(
  principal: Principal | null,
  role: string,
  message?: string,
): Principal {
  const caller = requireUser(principal);
  if (!hasRole(caller, role)) throw new ForbiddenError(message);
  return caller;
}

/** Whether the caller is the owner (`userId === ownerId`) or an admin; `false` when anonymous. */
export function isOwnerOrAdmin(principal: Principal | null, ownerId: string): boolean {
  return principal !== null && (principal.userId === ownerId || hasRole(principal, Roles.admin));
}

/**
 * The signed-in caller, if they own the resource (`ownerId`) or are an admin.
 * @param message - the FORBIDDEN message; say whose the resource is
 * @throws UnauthenticatedError (UNAUTHENTICATED) for an anonymous caller
 * @throws ForbiddenError (FORBIDDEN) for someone else without the admin role
 */
export function requireOwnerOrAdmin(
  principal: Principal | null,
  ownerId: string,
  message?: string,
): Principal {
  const caller = requireUser(principal);
  if (!isOwnerOrAdmin(caller, ownerId)) throw new ForbiddenError(message);
  return caller;
}
