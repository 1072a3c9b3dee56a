import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateResolverTypes, runCodegen } from '../src/index.js';
import { widgetCodegenOptions } from './widget-fixture.js';

describe('runCodegen', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-codegen-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing when the calling module is imported rather than run', async () => {
    const options = widgetCodegenOptions(join(dir, 'resolvers-types.ts'));
    await runCodegen(import.meta.url, options);
    expect(existsSync(options.generatedPath)).toBe(false);
  });

  it('writes the generated file when the calling module is the script node runs', async () => {
    const options = widgetCodegenOptions(join(dir, 'resolvers-types.ts'));
    const script = process.argv[1];
    process.argv[1] = fileURLToPath(import.meta.url);
    try {
      await runCodegen(import.meta.url, options);
    } finally {
      if (script === undefined) process.argv.splice(1);
      else process.argv[1] = script;
    }
    expect(readFileSync(options.generatedPath, 'utf8')).toBe(await generateResolverTypes(options));
  });
});
