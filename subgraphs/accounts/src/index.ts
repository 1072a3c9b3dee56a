export { createServer, JWKS_PATH, type AccountsServer, type AccountsServerDeps } from './server.js';
export {
  accountsConfigSchema,
  loadAccountsConfig,
  DEFAULT_DEV_KEY_FILE,
  type AccountsConfig,
} from './config.js';
export { accountsIndexes } from './indexes.js';
export { createLoaders, type AccountsLoaders, type AccountsServices } from './loaders.js';
export type { AccountsContext } from './context.js';
export {
  generateSigningKey,
  parsePrivateKey,
  signingKeyFromPrivateKey,
  type SigningKey,
  type PublicJwk,
} from './auth/signing-key.js';
export { resolveSigningKey } from './auth/resolve-signing-key.js';
export { createTokenIssuer, type TokenIssuer, type IssuedToken } from './auth/token-issuer.js';
export { hashPassword, verifyPassword } from './auth/password-hasher.js';
export type { UserDocument, UserRecord } from './repositories/users.js';
