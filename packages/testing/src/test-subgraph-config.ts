/** The token settings and mode of a subgraph server under test. */
export interface TestSubgraphConfig<E extends string> {
  readonly jwksUrl: URL;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  readonly nodeEnv: E;
}

/**
 * The `config` of a subgraph's `createServer(deps)` in tests. The tests inject `verifyToken`
 * (a `createTestIssuer()` verifier, or null), so the JWKS address is never fetched: it points at
 * the discard port, where nothing answers.
 */
export function testSubgraphConfig<E extends 'development' | 'test' | 'production' = 'test'>(
  nodeEnv: E = 'test' as E,
): TestSubgraphConfig<E> {
  return {
    jwksUrl: new URL('http://127.0.0.1:9/unused'),
    jwtIssuer: 'unused',
    jwtAudience: 'unused',
    nodeEnv,
  };
}
