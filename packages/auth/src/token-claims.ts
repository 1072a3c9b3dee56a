/** Claim names and defaults shared by the issuer (accounts) and every verifier. */
export const TOKEN_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type TokenAlgorithm = (typeof TOKEN_ALGORITHMS)[number];

export const ROLES_CLAIM = 'roles';

/** Dev defaults; production sets JWT_ISSUER and JWT_AUDIENCE explicitly. */
export const DEV_ISSUER = 'https://accounts.tessera.dev';
export const DEV_AUDIENCE = 'tessera';
