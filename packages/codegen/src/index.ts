export {
  generateResolverTypes,
  type GenerateResolverTypesOptions,
  type ResolverTypesConfig,
} from './generate-resolver-types.js';
export { runCodegen } from './run-codegen.js';
export { subgraphCodegenOptions } from './subgraph-codegen-options.js';
