import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  exportPrivateJwk,
  generateSigningKey,
  parsePrivateKey,
  signingKeyFromPrivateKey,
  type SigningKey,
} from './signing-key.js';

/**
 * Loads the dev signing key from `file`, creating it on first use, so tokens handed out in dev
 * survive a restart of accounts. Only for development and tests: production passes
 * `JWT_PRIVATE_KEY`. The file is private to the user and lives under the gitignored `.dev/`.
 */
export async function loadOrCreateDevSigningKey(file: string): Promise<SigningKey> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    try {
      return await signingKeyFromPrivateKey(parsePrivateKey(text));
    } catch (error) {
      throw new Error(
        `The dev signing key in ${file} is unreadable; delete the file to regenerate it.`,
        {
          cause: error,
        },
      );
    }
  }
  const key = await generateSigningKey();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Write then rename, so a crash never leaves a half-written key behind.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(exportPrivateJwk(key))}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return key;
}
