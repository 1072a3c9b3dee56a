import { randomBytes } from 'node:crypto';

/**
 * A name no other test (or test run) uses, for databases, queues and key prefixes:
 * `<prefix>_<time>_<random>`, lowercase letters, digits and `_` only, at most 63 characters
 * (MongoDB's limit for database names).
 */
export function uniqueName(prefix: string): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .slice(0, 40) || 'test';
  return `${clean}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}
