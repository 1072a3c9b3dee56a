// Writes docker/accounts.env with a fresh Ed25519 signing key for the accounts container.
// The file is gitignored: it is the one secret the compose topology needs.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const target = fileURLToPath(new URL('../accounts.env', import.meta.url));
if (existsSync(target)) {
  process.stderr.write(`${target} already exists; delete it first to rotate the key.\n`);
  process.exit(1);
}
const { privateKey } = generateKeyPairSync('ed25519');
const jwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
writeFileSync(target, `JWT_PRIVATE_KEY='${jwk}'\n`, { mode: 0o600 });
process.stdout.write(`wrote ${target} (JWT_PRIVATE_KEY, a new Ed25519 key)\n`);
