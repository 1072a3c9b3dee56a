import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { createTokenVerifier, type TokenVerifier } from '@tessera/auth';
import { createFormatError } from '@tessera/errors';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { createContextFunction } from './auth/gateway-context-function.js';
import { subgraphEnvName, subgraphSettings, type GatewayConfig } from './config.js';
import type { GatewayContext } from './gateway-context.js';
import {
  bodyParserErrors,
  internalErrors,
  jsonBodyTypes,
  notFound,
  requireJsonPost,
  sendGraphQLError,
} from './http/graphql-error-response.js';
import { requestState } from './http/request-state.js';
import { SubgraphDataSource } from './subgraphs/subgraph-data-source.js';
import { supergraphFromFile } from './supergraph/supergraph-file.js';
import { SupergraphLoadError } from './supergraph/supergraph-load-error.js';
import { createGatewayMetrics } from './telemetry/gateway-metrics.js';
import { apolloLogger } from './telemetry/apollo-logger.js';

export interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  /**
   * Verifies bearer tokens. @defaultValue a jose remote-JWKS verifier built from `JWKS_URL`,
   * `JWT_ISSUER` and `JWT_AUDIENCE`
   */
  readonly verifyToken?: TokenVerifier;
}

export interface Gateway {
  /** The Express app (health, metrics, /graphql). /graphql answers 503 until `start()` resolves. */
  readonly app: Express;
  /**
   * Loads the supergraph, then listens. Rejects with `SupergraphLoadError` when the supergraph
   * file is missing or invalid. `url` is the GraphQL endpoint (also Sandbox in development).
   */
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Stops taking requests, lets in-flight ones finish (10 s grace), stops watching the file. */
  stop(): Promise<void>;
}

export function createGateway(deps: GatewayDeps): Gateway {
  const { config, logger } = deps;
  const production = config.nodeEnv === 'production';
  const verifyToken =
    deps.verifyToken ??
    createTokenVerifier({
      jwks: config.jwksUrl,
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    });
  const metrics = createGatewayMetrics(logger);
  const app = express();
  const httpServer: Server = createServer(app);
  const subgraphNames = new Set<string>();
  let loaded = false;
  let stopping = false;
  let started = false;
  let stopped: Promise<void> | undefined;
  let graphqlHandler: RequestHandler | undefined;

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile({
      path: config.supergraphPath,
      logger: logger.child({ component: 'supergraph' }),
    }),
    buildService: ({ name, url }) => {
      const settings = subgraphSettings(config, name);
      const target = settings.url ?? url;
      if (!target) {
        // Thrown during a load, this fails startup; during a reload it rejects the new file.
        throw new Error(
          `Subgraph "${name}" has no routing URL in the supergraph; set SUBGRAPH_${subgraphEnvName(name)}_URL.`,
        );
      }
      subgraphNames.add(subgraphEnvName(name));
      return new SubgraphDataSource({
        name,
        url: target,
        forwardAuthorization: settings.forwardAuthorization,
        timeoutMs: config.subgraphTimeoutMs,
      });
    },
    // Always check a supergraph before serving it, whatever process.env.NODE_ENV says.
    validateSupergraph: true,
    logger: apolloLogger(logger.child({ component: 'apollo-gateway' })),
  });
  gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });

  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    csrfPrevention: true,
    // formatError strips stacks anyway; Apollo would decide from process.env.NODE_ENV.
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    // main.ts owns the signals, so it can log and exit with the right code.
    stopOnTerminationSignals: false,
    formatError: createFormatError({
      maskInternalErrors: production,
      onInternalError: (error) => logger.error({ err: error }, 'internal error (masked)'),
    }),
    logger: apolloLogger(logger.child({ component: 'apollo-server' })),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
      metrics.plugin,
    ],
  });

  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = loaded && !stopping;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', (_req, res, next) => {
    metrics.registry.metrics().then((text) => {
      res.type(metrics.registry.contentType).send(text);
    }, next);
  });
  const serveGraphQL: RequestHandler = (req, res, next) => {
    if (graphqlHandler) {
      graphqlHandler(req, res, next);
      return;
    }
    res.setHeader('retry-after', '1');
    sendGraphQLError(res, 503, 'INTERNAL_SERVER_ERROR', 'The gateway is starting.');
  };
  app.all(
    '/graphql',
    requestState(),
    metrics.middleware,
    cors({
      origin:
        config.corsOrigins === '*'
          ? '*'
          : config.corsOrigins.length > 0
            ? [...config.corsOrigins]
            : false,
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    }),
    requireJsonPost(),
    express.json({ limit: config.maxBodyBytes, type: jsonBodyTypes }),
    bodyParserErrors(),
    serveGraphQL,
  );
  app.use(notFound());
  app.use(internalErrors(logger));

  return {
    app,
    async start(port = config.port, host = config.host) {
      try {
        await server.start();
      } catch (error) {
        if (error instanceof SupergraphLoadError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new SupergraphLoadError(config.supergraphPath, reason, { cause: error });
      }
      started = true;
      for (const name of config.subgraphs.keys()) {
        if (!subgraphNames.has(name)) {
          logger.warn(
            { name },
            `SUBGRAPH_${name}_* is set but the supergraph has no subgraph of that name`,
          );
        }
      }
      graphqlHandler = expressMiddleware(server, {
        context: createContextFunction({ verifyToken, logger }),
      });
      try {
        await new Promise<void>((resolve, reject) => {
          httpServer.once('error', reject);
          httpServer.listen(port, host, () => {
            httpServer.off('error', reject);
            resolve();
          });
        });
      } catch (error) {
        await server.stop().catch(() => undefined);
        throw error;
      }
      const address = httpServer.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      const url = `http://${shownHost}:${address.port}/graphql`;
      logger.info({ url, supergraph: config.supergraphPath }, 'gateway listening');
      return { url, port: address.port };
    },
    stop() {
      stopping = true;
      // Concurrent callers (two signals, a test and its cleanup) all wait for the same drain.
      stopped ??= started ? server.stop() : Promise.resolve();
      return stopped;
    },
  };
}
