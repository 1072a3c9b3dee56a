import './provided-context.js';

export { testMongoUri, testRedisUrl } from './test-env.js';
export { uniqueName } from './unique-name.js';
export { freePort } from './free-port.js';
export { withTestDb, type TestDb, type WithTestDbOptions } from './with-test-db.js';
export {
  startTestSubgraph,
  type StartableServer,
  type RunningTestServer,
} from './start-test-subgraph.js';
export {
  startRedisServer,
  type RedisServer,
  type StartRedisServerOptions,
} from './start-redis-server.js';
export { graphqlRequest, type GraphQLResponse } from './graphql-request.js';
export { createTestIssuer, type TestIssuer, type TestTokenClaims } from './test-issuer.js';
export { startTcpProxy, type TcpProxy } from './start-tcp-proxy.js';
export { eventually, type PollOptions } from './eventually.js';
export { waitFor } from './wait-for.js';
export { capturingLogger, type CapturedLine, type CapturingLogger } from './capturing-logger.js';
export { TEST_TRACEPARENT } from './test-traceparent.js';
export { testSubgraphConfig, type TestSubgraphConfig } from './test-subgraph-config.js';
