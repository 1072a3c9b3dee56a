export { createGateway, type Gateway, type GatewayDeps } from './server.js';
export {
  loadGatewayConfig,
  gatewayConfigSchema,
  subgraphEnvName,
  subgraphSettings,
  DEFAULT_SUPERGRAPH_PATH,
  DEFAULT_JWKS_URL,
  type GatewayConfig,
  type SubgraphSettings,
} from './config.js';
export { SupergraphLoadError } from './supergraph/supergraph-load-error.js';
export type { GatewayContext, ForwardedHeaders } from './gateway-context.js';
export { METRIC_REQUESTS, METRIC_REQUEST_DURATION } from './telemetry/gateway-metrics.js';
