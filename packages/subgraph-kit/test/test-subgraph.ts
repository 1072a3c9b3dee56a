import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { Db } from 'mongodb';
import type { TokenVerifier } from '@tessera/auth';
import { NotFoundError } from '@tessera/errors';
import {
  createLogger,
  createSubgraphServer,
  type CreateSubgraphServerOptions,
  type SubgraphContext,
} from '../src/index.js';

/** A tiny subgraph exercising every part of the context. */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    whoami: String
    loaderSet: Int
    requestId: String
    traceparent: String
    boom: String
    missing: String
    slow(ms: Int!): String
    noteCount: Int
  }

  type Note @key(fields: "id") {
    id: ID!
  }
`);

export interface TestLoaders {
  readonly setId: number;
}

type Ctx = SubgraphContext<TestLoaders>;

export interface TestSubgraphOptions {
  readonly db: Db;
  readonly verifyToken?: TokenVerifier | null;
  readonly nodeEnv?: 'development' | 'test' | 'production';
  readonly readiness?: () => Promise<void>;
  readonly readinessTimeoutMs?: number;
  readonly shutdownGraceMs?: number;
  /** Called when `slow` starts, so a test knows the request is in flight. */
  readonly onSlowStarted?: () => void;
}

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly requestId?: string;
  readonly service?: string;
  readonly err?: { message?: string };
  readonly [key: string]: unknown;
}

export function createTestSubgraph(options: TestSubgraphOptions) {
  const logs: LogLine[] = [];
  let loaderSets = 0;
  const resolvers = {
    Query: {
      whoami: (_: unknown, __: unknown, ctx: Ctx) => ctx.principal?.userId ?? null,
      loaderSet: (_: unknown, __: unknown, ctx: Ctx) => ctx.loaders.setId,
      requestId: (_: unknown, __: unknown, ctx: Ctx) => ctx.requestId,
      traceparent: (_: unknown, __: unknown, ctx: Ctx) => ctx.traceparent ?? null,
      boom: () => {
        throw new Error('connection to 10.0.0.7 refused: secret internals');
      },
      missing: () => {
        throw new NotFoundError('No note with id "n-404".');
      },
      slow: async (_: unknown, args: { ms: number }) => {
        options.onSlowStarted?.();
        await new Promise((resolve) => setTimeout(resolve, args.ms));
        return 'done';
      },
      noteCount: async (_: unknown, __: unknown, ctx: Ctx) =>
        (await ctx.db.collection('notes').find({}).toArray()).length,
    },
  };
  const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  const logger = createLogger({
    service: 'kit-test',
    level: 'debug',
    destination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  });
  const serverOptions: CreateSubgraphServerOptions<TestLoaders> = {
    name: 'kit-test',
    schema,
    db: options.db,
    verifyToken: options.verifyToken ?? null,
    createLoaders: () => ({ setId: (loaderSets += 1) }),
    logger,
    nodeEnv: options.nodeEnv ?? 'test',
    ...(options.readiness ? { readiness: options.readiness } : {}),
    ...(options.readinessTimeoutMs === undefined
      ? {}
      : { readinessTimeoutMs: options.readinessTimeoutMs }),
    ...(options.shutdownGraceMs === undefined ? {} : { shutdownGraceMs: options.shutdownGraceMs }),
    routes: (app) => {
      app.get('/extra', (_req, res) => {
        res.json({ extra: true });
      });
      app.get('/explode', () => {
        throw new Error('route failed: secret internals');
      });
    },
  };
  return { server: createSubgraphServer(serverOptions), logs };
}

export interface GraphQLResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly headers: Headers;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

export async function postGraphQL(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse['body'],
  };
}
