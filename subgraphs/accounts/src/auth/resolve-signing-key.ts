import { loadOrCreateDevSigningKey } from './dev-key-store.js';
import { parsePrivateKey, signingKeyFromPrivateKey, type SigningKey } from './signing-key.js';

/**
 * The configured key (`JWT_PRIVATE_KEY`) or, in development and test, the persisted dev key.
 * Config validation already refuses production without a key; the check here is a backstop.
 */
export async function resolveSigningKey(config: {
  readonly jwtPrivateKey: string | undefined;
  readonly devKeyFile: string;
  readonly nodeEnv: 'development' | 'test' | 'production';
}): Promise<SigningKey> {
  if (config.jwtPrivateKey !== undefined) {
    return signingKeyFromPrivateKey(parsePrivateKey(config.jwtPrivateKey));
  }
  if (config.nodeEnv === 'production') {
    throw new Error('JWT_PRIVATE_KEY is required in production.');
  }
  return loadOrCreateDevSigningKey(config.devKeyFile);
}
