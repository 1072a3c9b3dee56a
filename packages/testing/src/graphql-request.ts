/** The parts of a GraphQL response the tests read. */
export interface GraphQLResponse<D = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    readonly data?: D | null;
    readonly errors?: readonly {
      readonly message: string;
      readonly path?: readonly (string | number)[];
      readonly extensions?: Record<string, unknown>;
    }[];
  };
}

/**
 * POSTs one operation as JSON to `url`, with `authorization: Bearer <token>` when a token is
 * given, and returns the status, headers and parsed body (even for a non-2xx status, so tests can
 * assert on error codes).
 */
export async function graphqlRequest<D = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<D>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse<D>['body'],
  };
}
