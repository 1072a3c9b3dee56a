export { ConfigError } from './config-error.js';
export { loadConfig, loadConfigOrExit, type Env } from './load-config.js';
export { port, mongoUri, redisUrl, httpUrl, nodeEnv, logLevel, flag, millis } from './fields.js';
