export { createServer, type CatalogServerDeps } from './server.js';
export { catalogConfigSchema, loadCatalogConfig, type CatalogConfig } from './config.js';
export { catalogIndexes } from './indexes.js';
export { createLoaders, type CatalogLoaders } from './loaders.js';
export type { CatalogContext } from './context.js';
export type { ProductDocument, MoneyValue } from './repositories/products.js';
export type { CategoryDocument } from './repositories/categories.js';
