import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import { parseBearer, type Principal, type TokenVerifier } from '@tessera/auth';
import { createFormatError, asRequestError, TesseraError } from '@tessera/errors';
import { createHttpMetrics, setRouteLabel } from './http-metrics.js';
import { addProbeRoutes } from './probe-routes.js';
import { jsonErrorHandler, notFoundHandler, sendJsonError } from './json-errors.js';
import { requestIdFrom, traceparentFrom } from './request-ids.js';
import type { SubgraphContext } from './subgraph-context.js';
import { logGraphQLErrors } from './log-graphql-errors.js';

export interface CreateSubgraphServerOptions<L> {
  /** The subgraph's name (`accounts`): the `service` label of metrics and the logs. */
  readonly name: string;
  /** The executable subgraph schema, from `buildSubgraphSchema`. */
  readonly schema: GraphQLSchema;
  readonly db: Db;
  /**
   * Verifies bearer tokens. A bad token gets HTTP 401 UNAUTHENTICATED; no token means an
   * anonymous caller. `null` ignores the Authorization header altogether (tests).
   */
  readonly verifyToken: TokenVerifier | null;
  /** Builds the DataLoader set of one request; called once per request, never shared. */
  readonly createLoaders: (ctx: { readonly db: Db; readonly principal: Principal | null }) => L;
  readonly logger: Logger;
  /** `production` masks internal errors and turns introspection and the landing page off. */
  readonly nodeEnv: 'development' | 'test' | 'production';
  /** Adds routes before GraphQL, e.g. accounts' `GET /.well-known/jwks.json`. */
  readonly routes?: (app: express.Express) => void;
  /** An extra readiness probe: throw (or reject) when not ready. `/readyz` also pings MongoDB. */
  readonly readiness?: () => Promise<void>;
  /** How long `stop()` lets in-flight requests finish before cutting connections. @defaultValue 10000 */
  readonly shutdownGraceMs?: number;
  /** How long `/readyz` waits for its probes. @defaultValue 2000 */
  readonly readinessTimeoutMs?: number;
  /** The largest JSON body accepted, in body-parser notation. @defaultValue '1mb' */
  readonly bodyLimit?: string;
}

export interface SubgraphServer {
  /** The Express app. GraphQL answers only after `start()`. */
  readonly app: express.Express;
  /** Starts Apollo and listens. @param host @defaultValue '127.0.0.1' */
  start(port: number, host?: string): Promise<{ url: string; port: number }>;
  /** Stops accepting connections, lets in-flight requests finish, then closes. Idempotent. */
  stop(): Promise<void>;
}

interface RequestState {
  readonly requestId: string;
  readonly logger: Logger;
  /** Set once Apollo has resolved the operation, for the request log line. */
  operationName?: string | undefined;
}

const PROBE_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The HTTP server of a subgraph: GraphQL at `/graphql` (Apollo Server 5 on Express 5) with the
 * per-request {@link SubgraphContext}, `/healthz`, `/readyz`, `/metrics`, JSON errors for
 * non-GraphQL failures, and graceful shutdown. Pure: it does not read env or handle signals.
 */
export function createSubgraphServer<L>(options: CreateSubgraphServerOptions<L>): SubgraphServer {
  const { logger, db } = options;
  const production = options.nodeEnv === 'production';
  const requestState = new AsyncLocalStorage<RequestState>();
  const metrics = createHttpMetrics(options.name);
  const app = express();
  const httpServer: Server = createHttpServer(app);
  let phase: 'created' | 'starting' | 'running' | 'stopping' | 'stopped' = 'created';
  let graphqlHandler: RequestHandler | undefined;
  let stopping: Promise<void> | undefined;

  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: options.schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError({
      maskInternalErrors: production,
      onInternalError: (error) => {
        const log = requestState.getStore()?.logger ?? logger;
        log.error({ err: error }, 'internal error masked in the response');
      },
    }),
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: options.shutdownGraceMs ?? 10_000,
      }),
      ApolloServerPluginInlineTraceDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
      logGraphQLErrors(() => requestState.getStore()?.logger ?? logger, !production),
      {
        requestDidStart: () =>
          Promise.resolve({
            didResolveOperation: ({ operationName }) => {
              const state = requestState.getStore();
              if (state) state.operationName = operationName ?? undefined;
              return Promise.resolve();
            },
          }),
      },
    ] satisfies ApolloServerPlugin<SubgraphContext<L>>[],
  });

  app.disable('x-powered-by');
  app.use(metrics.middleware);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const child = logger.child({ requestId });
    res.locals['logger'] = child;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    // Read now: mounted routers (`app.use('/graphql', …)`) rewrite req.path while handling.
    const path = req.path;
    const state: RequestState = { requestId, logger: child };
    res.once('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const fields = {
        method: req.method,
        path,
        status: res.statusCode,
        durationMs,
        ...(state.operationName ? { operationName: state.operationName } : {}),
      };
      if (PROBE_ROUTES.has(path)) child.debug(fields, 'request');
      else child.info(fields, 'request');
    });
    requestState.run(state, next);
  });

  addProbeRoutes(app, {
    db,
    registry: metrics.registry,
    phase: () => phase,
    readiness: options.readiness,
    readinessTimeoutMs: options.readinessTimeoutMs ?? 2_000,
  });

  options.routes?.(app);

  app.use(
    '/graphql',
    (_req: Request, res: Response, next: NextFunction) => {
      setRouteLabel(res, '/graphql');
      next();
    },
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    (req: Request, res: Response, next: NextFunction) => {
      if (req.method === 'POST' && req.body === undefined) {
        sendJsonError(
          res,
          400,
          'BAD_REQUEST',
          'A GraphQL POST request needs a JSON body and "Content-Type: application/json".',
        );
        return;
      }
      // GET requests carry the operation in the query string; Apollo still wants a body.
      req.body ??= {};
      if (graphqlHandler === undefined) {
        sendJsonError(res, 503, 'INTERNAL_SERVER_ERROR', 'The server is not started.');
        return;
      }
      graphqlHandler(req, res, next);
    },
  );

  app.use(notFoundHandler);
  app.use(jsonErrorHandler(logger));

  async function context({
    req,
    res,
  }: {
    req: Request;
    res: Response;
  }): Promise<SubgraphContext<L>> {
    const state = requestState.getStore();
    const requestId = state?.requestId ?? requestIdFrom(req.headers['x-request-id']);
    const requestLogger =
      (res.locals['logger'] as Logger | undefined) ?? logger.child({ requestId });
    let principal: Principal | null = null;
    if (options.verifyToken) {
      // A bad token rejects the whole request: asRequestError gives it its HTTP status (401, or
      // 502 when the signing keys are unavailable), which Apollo applies to the JSON answer.
      try {
        const token = parseBearer(req.headers.authorization);
        if (token !== null) principal = await options.verifyToken(token);
      } catch (error) {
        if (!(error instanceof TesseraError)) throw error;
        if (error.code === 'UNAUTHENTICATED') {
          // RFC 6750: tell HTTP clients which scheme failed and why.
          res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
        }
        throw asRequestError(error);
      }
    }
    return {
      principal,
      loaders: options.createLoaders({ db, principal }),
      db,
      logger: requestLogger,
      requestId,
      traceparent: traceparentFrom(req.headers.traceparent),
    };
  }

  async function start(port: number, host = '127.0.0.1') {
    if (phase !== 'created')
      throw new Error(`createSubgraphServer: start() called while ${phase}.`);
    phase = 'starting';
    await apollo.start();
    graphqlHandler = expressMiddleware(apollo, { context });
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
    phase = 'running';
    const address = httpServer.address() as AddressInfo;
    const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return { url: `http://${urlHost}:${address.port}/graphql`, port: address.port };
  }

  async function stop() {
    stopping ??= (async () => {
      const wasStarted = phase === 'running' || phase === 'starting';
      phase = 'stopping';
      if (wasStarted) {
        // The drain plugin closes the listener, waits for in-flight requests (up to the grace
        // period), then Apollo stops.
        await apollo.stop();
      }
      if (httpServer.listening) {
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      }
      phase = 'stopped';
    })();
    return stopping;
  }

  return { app, start, stop };
}
