import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthenticatedError } from '@tessera/errors';
import {
  isOwnerOrAdmin,
  requireOwnerOrAdmin,
  requireRole,
  requireUser,
  Roles,
  type Principal,
} from '../src/index.js';

const customer: Principal = { userId: 'u-1', roles: [Roles.customer], scopes: [] };
const admin: Principal = { userId: 'u-9', roles: [Roles.admin], scopes: [] };

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return 'no error';
}

describe('requireUser', () => {
  it('returns the signed-in caller', () => {
    expect(requireUser(customer)).toBe(customer);
  });

  it('rejects an anonymous caller with UNAUTHENTICATED', () => {
    expect(() => requireUser(null)).toThrow(UnauthenticatedError);
    expect(codeOf(() => requireUser(null))).toBe('UNAUTHENTICATED');
  });
});

describe('requireRole', () => {
  it('returns a caller holding the role', () => {
    expect(requireRole(admin, Roles.admin)).toBe(admin);
  });

  it('rejects a caller without the role with FORBIDDEN and the given message', () => {
    expect(() => requireRole(customer, Roles.admin, 'Only an admin may do this.')).toThrow(
      new ForbiddenError('Only an admin may do this.'),
    );
    expect(codeOf(() => requireRole(customer, Roles.admin))).toBe('FORBIDDEN');
  });

  it('rejects an anonymous caller with UNAUTHENTICATED, not FORBIDDEN', () => {
    expect(codeOf(() => requireRole(null, Roles.admin))).toBe('UNAUTHENTICATED');
  });
});

describe('isOwnerOrAdmin', () => {
  it('is true for the owner and for an admin', () => {
    expect(isOwnerOrAdmin(customer, 'u-1')).toBe(true);
    expect(isOwnerOrAdmin(admin, 'u-1')).toBe(true);
  });

  it('is false for another customer and for an anonymous caller', () => {
    expect(isOwnerOrAdmin(customer, 'u-2')).toBe(false);
    expect(isOwnerOrAdmin(null, 'u-1')).toBe(false);
  });
});

describe('requireOwnerOrAdmin', () => {
  it('returns the owner or an admin', () => {
    expect(requireOwnerOrAdmin(customer, 'u-1')).toBe(customer);
    expect(requireOwnerOrAdmin(admin, 'u-1')).toBe(admin);
  });

  it('rejects another customer with FORBIDDEN and the given message', () => {
    expect(() => requireOwnerOrAdmin(customer, 'u-2', 'Not yours.')).toThrow(
      new ForbiddenError('Not yours.'),
    );
    expect(codeOf(() => requireOwnerOrAdmin(customer, 'u-2'))).toBe('FORBIDDEN');
  });

  it('rejects an anonymous caller with UNAUTHENTICATED', () => {
    expect(codeOf(() => requireOwnerOrAdmin(null, 'u-1'))).toBe('UNAUTHENTICATED');
  });
});
