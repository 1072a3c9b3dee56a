import type { GenerateResolverTypesOptions } from '../src/index.js';

/** Codegen options for `fixture.graphql` (one `@key` entity), writing to `generatedPath`. */
export function widgetCodegenOptions(generatedPath: string): GenerateResolverTypesOptions {
  return {
    schemaUrl: new URL('./fixture.graphql', import.meta.url),
    generatedPath,
    config: {
      contextType: '../context.js#WidgetContext',
      mappers: { Widget: '../repositories/widgets.js#WidgetDocument' },
    },
  };
}
