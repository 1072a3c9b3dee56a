import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, Kind, parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../gateway-context.js';

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type IncomingOperationOptions = Extract<ProcessOptions, { incomingRequestContext: unknown }>;
type GatewayResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph; used in messages instead of its URL. */
  readonly name: string;
  readonly url: string;
  /** Forward the caller's verified `Authorization` header. */
  readonly forwardAuthorization: boolean;
  /** Limit for one call, response body included; 0 = none. */
  readonly timeoutMs: number;
}

/**
 * A subgraph answered with a non-2xx status but a GraphQL body. Ours answer 200 for executed
 * operations, but GraphQL-over-HTTP servers may answer 4xx with errors (and Apollo Server does
 * for a resolver error carrying `extensions.http.status`): relay them as they are, not flattened
 * into "400: Bad Request".
 */
class SubgraphGraphQLErrorResponse extends GraphQLError {
  constructor(
    readonly status: number,
    readonly body: { data?: Record<string, unknown> | null; errors: GraphQLFormattedError[] },
  ) {
    super(`Subgraph answered HTTP ${status}`);
  }
}

/**
 * How the gateway calls one subgraph: identity, request id and trace context forwarded, a
 * timeout on every call, and failures turned into DOWNSTREAM_SERVICE_ERROR without the subgraph's
 * URL, status line or body reaching the client (they go to the log).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.#options = options;
    // Node's fetch honours AbortSignal for the connection and the body alike, which
    // make-fetch-happen's default agent does not give us for free.
    this.fetcher = async (url: string, init?: FetcherRequestInit): Promise<FetcherResponse> => {
      const signal = options.timeoutMs > 0 ? AbortSignal.timeout(options.timeoutMs) : null;
      return fetch(url, {
        ...(init?.method === undefined ? {} : { method: init.method }),
        ...(init?.headers === undefined ? {} : { headers: init.headers }),
        ...(init?.body === undefined ? {} : { body: init.body }),
        signal,
      });
    };
  }

  override willSendRequest(options: ProcessOptions): void {
    if (!isIncomingOperation(options)) return;
    const headers = options.request.http?.headers;
    const context = options.context;
    if (!headers) return;
    headers.set('x-request-id', context.requestId);
    const { authorization, traceparent, tracestate } = context.forwardedHeaders;
    if (authorization !== undefined && this.#options.forwardAuthorization) {
      headers.set('authorization', authorization);
    }
    if (traceparent !== undefined) headers.set('traceparent', traceparent);
    if (tracestate !== undefined) headers.set('tracestate', tracestate);
  }

  override async process(options: ProcessOptions): Promise<GatewayResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (!isIncomingOperation(options)) throw error;
      return this.#failure(error, options);
    }
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    if (isGraphQLErrorBody(body)) return new SubgraphGraphQLErrorResponse(response.status, body);
    const code =
      response.status === 401
        ? 'UNAUTHENTICATED'
        : response.status === 403
          ? 'FORBIDDEN'
          : 'DOWNSTREAM_SERVICE_ERROR';
    return new GraphQLError(`Subgraph "${this.#options.name}" answered HTTP ${response.status}.`, {
      extensions: { code, status: response.status },
    });
  }

  #failure(error: unknown, options: IncomingOperationOptions): GatewayResponse {
    const { name, timeoutMs } = this.#options;
    const logger = options.context.logger;
    if (error instanceof SubgraphGraphQLErrorResponse) {
      return { ...(error.body.data ? { data: error.body.data } : {}), errors: error.body.errors };
    }
    let message: string;
    let code = 'DOWNSTREAM_SERVICE_ERROR';
    if (error instanceof GraphQLError) {
      // A non-GraphQL error status: keep its code, drop the URL and body Apollo attached.
      message = error.message;
      code = typeof error.extensions['code'] === 'string' ? error.extensions['code'] : code;
      logger.warn({ subgraph: name, status: error.extensions['status'] }, 'subgraph call failed');
    } else if (error instanceof Error && error.name === 'TimeoutError') {
      message = `Subgraph "${name}" did not answer within ${timeoutMs} ms.`;
      logger.warn({ subgraph: name, timeoutMs }, 'subgraph call timed out');
    } else {
      message = `Subgraph "${name}" is unavailable.`;
      logger.warn({ subgraph: name, reason: describe(error) }, 'subgraph call failed');
    }
    const paths = rootFieldPaths(options.document ?? parseQuiet(options.request.query));
    const extensions = { code };
    const errors: GraphQLFormattedError[] =
      paths.length === 0
        ? [{ message, extensions }]
        : paths.map((path) => ({ message, path, extensions }));
    return { errors };
  }
}

// The request-kind enum is not exported by @apollo/gateway; only incoming operations carry the
// client's request context.
function isIncomingOperation(options: ProcessOptions): options is IncomingOperationOptions {
  return 'incomingRequestContext' in options;
}

/**
 * The response keys of a root fetch, so each failed field gets its own error with a `path`.
 * Entity fetches (`_entities`) or anything unusual get one error without a path: the gateway
 * rewrites subgraph paths and a wrong path would be worse than none.
 */
function rootFieldPaths(document: DocumentNode | undefined): string[][] {
  const operation = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return [];
  const paths: string[][] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return [];
    if (selection.name.value === '_entities') return [];
    if (selection.name.value === '__typename') continue;
    paths.push([selection.alias?.value ?? selection.name.value]);
  }
  return paths;
}

// The planner keeps fetch documents only as text unless configured otherwise; parsing on the
// (rare) failure path is cheaper than keeping a document per cached plan.
function parseQuiet(query: string | undefined): DocumentNode | undefined {
  if (query === undefined) return undefined;
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

function isGraphQLErrorBody(
  body: unknown,
): body is { data?: Record<string, unknown> | null; errors: GraphQLFormattedError[] } {
  if (typeof body !== 'object' || body === null) return false;
  const errors = (body as { errors?: unknown }).errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as { message?: unknown }).message === 'string',
    )
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const cause = error.cause as { code?: unknown } | undefined;
  const message = error.message.slice(0, 300);
  return typeof cause?.code === 'string' ? `${message} (${cause.code})` : message;
}
