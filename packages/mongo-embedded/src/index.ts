export { startEmbeddedMongo } from './server/start-embedded-mongo.js';
export type { EmbeddedMongo, EmbeddedMongoOptions } from './server/start-embedded-mongo.js';
export { MongoError, ErrorCodes, mongoError } from './mongo-error.js';
export type { ErrorCodeName } from './mongo-error.js';
export { createStderrLogger, silentLogger } from './logger.js';
export type { Logger } from './logger.js';
