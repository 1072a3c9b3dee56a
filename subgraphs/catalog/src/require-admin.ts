import { hasRole, Roles, type Principal } from '@tessera/auth';
import { ForbiddenError, UnauthenticatedError } from '@tessera/errors';

/**
 * Lets only admins through: UNAUTHENTICATED for an anonymous caller, FORBIDDEN for a signed-in
 * one without the role. (The security issue replaces this with directive-based enforcement.)
 */
export function requireAdmin(principal: Principal | null): Principal {
  if (!principal) throw new UnauthenticatedError();
  if (!hasRole(principal, Roles.admin)) {
    throw new ForbiddenError('Only an admin may change the catalog.');
  }
  return principal;
}
