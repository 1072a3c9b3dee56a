export {
  subgraphEnvSchema,
  subgraphConfigSchema,
  toSubgraphEnv,
  DEFAULT_MONGODB_URI,
  DEFAULT_JWKS_URL,
  type SubgraphEnv,
  type SubgraphEnvShape,
  type SubgraphEnvVars,
} from './subgraph-env.js';
export { connectMongo, type ConnectMongoOptions, type MongoConnection } from './connect-mongo.js';
export {
  createLogger,
  REDACTED_PATHS,
  type CreateLoggerOptions,
  type Logger,
} from './create-logger.js';
export type { SubgraphContext } from './subgraph-context.js';
export {
  createSubgraphServer,
  type CreateSubgraphServerOptions,
  type SubgraphServer,
} from './create-subgraph-server.js';
export {
  createDefaultTokenVerifier,
  subgraphServerBase,
  type SubgraphServerBase,
  type SubgraphServerConfig,
  type SubgraphServerDeps,
} from './subgraph-server-deps.js';
export { runSubgraph, type RunSubgraphOptions } from './run-subgraph.js';
export {
  runSubgraphMain,
  type RunSubgraphMainOptions,
  type SubgraphMainDeps,
} from './run-subgraph-main.js';
export { runSeedMain, type RunSeedMainOptions } from './run-seed-main.js';
export { parseInput } from './parse-input.js';
export { ensureIndexes, type IndexSpecs } from './ensure-indexes.js';
export { encodeCursor, decodeCursor } from './cursor.js';
export {
  validateFirst,
  MAX_PAGE_SIZE,
  DEFAULT_PAGE_SIZE,
  type ValidateFirstOptions,
} from './validate-first.js';
export {
  toConnection,
  type Connection,
  type Edge,
  type PageInfo,
  type ToConnectionOptions,
} from './to-connection.js';
export { requestIdFrom, traceparentFrom } from './request-ids.js';
export { inKeyOrder, groupInKeyOrder } from './in-key-order.js';
export {
  messagingEnvShape,
  toMessagingEnv,
  DEFAULT_REDIS_URL,
  type MessagingEnv,
} from './messaging-env.js';
export { withBackground, type BackgroundService } from './with-background.js';
