import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateDevSigningKey } from '../src/auth/dev-key-store.js';

const dirs: string[] = [];
async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-keys-'));
  dirs.push(dir);
  return join(dir, 'nested', 'accounts-ed25519.json');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('dev signing key store', () => {
  it('creates a key on first use and returns the same key afterwards', async () => {
    const file = await tempFile();
    const first = await loadOrCreateDevSigningKey(file);
    const second = await loadOrCreateDevSigningKey(file);
    expect(second.kid).toBe(first.kid);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      kty: 'OKP',
      d: expect.any(String),
    });
  });

  it('keeps the key file private to its owner', async () => {
    const file = await tempFile();
    await loadOrCreateDevSigningKey(file);
    expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('says how to recover from a corrupted key file', async () => {
    const file = await tempFile();
    await loadOrCreateDevSigningKey(file);
    await writeFile(file, 'corrupted');
    await expect(loadOrCreateDevSigningKey(file)).rejects.toThrow(/delete the file/);
  });
});
