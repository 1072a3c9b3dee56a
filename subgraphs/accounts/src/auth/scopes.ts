import { Roles } from '@tessera/auth';

/** What each role may do, as OAuth-style scopes carried in the token's `scope` claim. */
export const ROLE_SCOPES: Readonly<Record<string, readonly string[]>> = {
  [Roles.customer]: ['profile', 'orders:read', 'orders:write', 'reviews:write'],
  [Roles.admin]: ['profile', 'admin'],
};

/** The union of the scopes of `roles`, without duplicates, in a stable order. */
export function scopesForRoles(roles: readonly string[]): string[] {
  const scopes = new Set<string>();
  for (const role of roles) {
    for (const scope of ROLE_SCOPES[role] ?? []) scopes.add(scope);
  }
  return [...scopes];
}
