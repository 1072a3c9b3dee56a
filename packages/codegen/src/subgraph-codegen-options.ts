import { fileURLToPath } from 'node:url';
import type {
  GenerateResolverTypesOptions,
  ResolverTypesConfig,
} from './generate-resolver-types.js';

/**
 * The options for a subgraph laid out like every Tessera subgraph: `schema.graphql` next to its
 * `codegen.ts`, the types generated into `src/generated/resolvers-types.ts`.
 * @param codegenUrl the subgraph's `codegen.ts`, i.e. its `import.meta.url`
 */
export function subgraphCodegenOptions(
  codegenUrl: string,
  config: ResolverTypesConfig,
): GenerateResolverTypesOptions {
  return {
    schemaUrl: new URL('./schema.graphql', codegenUrl),
    generatedPath: fileURLToPath(new URL('./src/generated/resolvers-types.ts', codegenUrl)),
    config,
  };
}
