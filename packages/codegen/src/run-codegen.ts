import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  generateResolverTypes,
  type GenerateResolverTypesOptions,
} from './generate-resolver-types.js';

/**
 * Writes the generated file when `entryUrl` (the caller's `import.meta.url`) is the script node
 * was started with, so a subgraph's `codegen.ts` is both its `codegen` script and a module the
 * staleness test imports without side effects.
 */
export async function runCodegen(
  entryUrl: string,
  options: GenerateResolverTypesOptions,
): Promise<void> {
  if (process.argv[1] !== fileURLToPath(entryUrl)) return;
  writeFileSync(options.generatedPath, await generateResolverTypes(options));
}
