export { type Principal, Roles, hasRole } from './principal.js';
export { requireUser, requireRole, isOwnerOrAdmin, requireOwnerOrAdmin } from './access.js';
export { parseBearer } from './parse-bearer.js';
export { KeySetUnavailableError } from './key-set-unavailable-error.js';
export {
  createTokenVerifier,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './token-verifier.js';
export {
  TOKEN_ALGORITHMS,
  ROLES_CLAIM,
  DEV_ISSUER,
  DEV_AUDIENCE,
  type TokenAlgorithm,
} from './token-claims.js';
