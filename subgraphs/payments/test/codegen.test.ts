import { readFileSync } from 'node:fs';
import { generateResolverTypes } from '@tessera/codegen';
import { describe, expect, it } from 'vitest';
import { codegenOptions } from '../codegen.js';

describe('payments resolver types', () => {
  it('are up to date with schema.graphql (run `npm run codegen -w @tessera/payments`)', async () => {
    const generated = await generateResolverTypes(codegenOptions);
    expect(readFileSync(codegenOptions.generatedPath, 'utf8')).toBe(generated);
  });
});
