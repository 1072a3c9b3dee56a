import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, generateResolverTypes } from '../codegen.js';

describe('accounts resolver types', () => {
  it('are up to date with schema.graphql (run `npm run codegen -w @tessera/accounts`)', async () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(await generateResolverTypes());
  });
});
