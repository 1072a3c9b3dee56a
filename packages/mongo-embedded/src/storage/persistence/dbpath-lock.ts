import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LOCK_FILE = 'mongod.lock';
const openInThisProcess = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims a dbPath for this server. Two servers writing one journal would corrupt it, so a
 * second claim fails while the first holder (this process or another live one) has it.
 */
export function lockDbPath(dir: string): () => void {
  const key = resolve(dir);
  const file = join(dir, LOCK_FILE);
  if (openInThisProcess.has(key))
    throw new Error(`dbPath ${dir} is already in use by this process`);
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    holder = undefined;
  }
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new Error(`dbPath ${dir} is in use by process ${holder}`);
  }
  writeFileSync(file, `${process.pid}\n`);
  openInThisProcess.add(key);
  return () => {
    openInThisProcess.delete(key);
    rmSync(file, { force: true });
  };
}
