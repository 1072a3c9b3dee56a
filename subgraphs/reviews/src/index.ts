export { createServer, type ReviewsServerDeps } from './server.js';
export { reviewsConfigSchema, loadReviewsConfig, type ReviewsConfig } from './config.js';
export { reviewsIndexes } from './indexes.js';
export { createLoaders, type ReviewsLoaders } from './loaders.js';
export type { ReviewsContext } from './context.js';
export type { ReviewDocument } from './repositories/reviews.js';
