/**
 * The one registry of client-facing error codes. Every `extensions.code` Tessera returns is listed
 * here with the HTTP status it maps to and a description; `docs/errors.md` is generated from it.
 * Codes are a public contract: add new ones, never rename or repurpose one.
 */
export const errorCodes = {
  UNAUTHENTICATED: {
    status: 401,
    description:
      'The access token is missing where one is required, malformed, expired or not signed by a trusted key. Log in again.',
  },
  FORBIDDEN: {
    status: 403,
    description: 'The caller is known but not allowed to read or change this resource.',
  },
  BAD_USER_INPUT: {
    status: 400,
    description:
      'An argument failed validation. `extensions.field` names the offending input path.',
  },
  NOT_FOUND: {
    status: 404,
    description: 'No resource exists with the given id. Nullable fields resolve to null.',
  },
  GRAPHQL_PARSE_FAILED: {
    status: 400,
    description: 'The document is not valid GraphQL syntax.',
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    description: 'The operation does not validate against the schema.',
  },
  BAD_REQUEST: {
    status: 400,
    description:
      'The HTTP request is not a GraphQL request the server can read (body, method or headers).',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 200,
    description: 'The persisted query hash is unknown; resend the full query.',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    description: 'The request names an operation the document does not contain.',
  },
  DOWNSTREAM_SERVICE_ERROR: {
    status: 502,
    description: 'A subgraph failed or did not answer. Other fields may still hold data.',
  },
  RATE_LIMITED: {
    status: 429,
    description: 'Too many requests. Retry after the time in the `Retry-After` header.',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    description: 'An unexpected failure. The details are in the server log, under the request id.',
  },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}
