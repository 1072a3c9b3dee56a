/** The verified caller. `null` in a context means an anonymous caller. */
export interface Principal {
  /** The user id (`sub`). */
  readonly userId: string;
  /** Coarse roles, from the `roles` claim: `customer`, `admin`. */
  readonly roles: readonly string[];
  /** OAuth-style scopes, from the space-separated `scope` claim. */
  readonly scopes: readonly string[];
}

export const Roles = { customer: 'customer', admin: 'admin' } as const;

export function hasRole(principal: Principal | null, role: string): boolean {
  return principal?.roles.includes(role) ?? false;
}
