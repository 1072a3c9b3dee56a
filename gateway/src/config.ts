import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEV_AUDIENCE, DEV_ISSUER } from '@tessera/auth';
import {
  flag,
  httpUrl,
  loadConfig,
  logLevel,
  millis,
  nodeEnv,
  port,
  type Env,
} from '@tessera/config';

/** The committed supergraph, found from this package so the gateway runs from any directory. */
export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
);
export const DEFAULT_JWKS_URL = 'http://127.0.0.1:4001/.well-known/jwks.json';

/** Settings that can differ per subgraph; see {@link GatewayConfig.subgraphs}. */
export interface SubgraphSettings {
  /**
   * Replaces the routing URL the supergraph gives for this subgraph (docker, staging...).
   * From `SUBGRAPH_<NAME>_URL`. @defaultValue the supergraph's routing URL
   */
  readonly url?: string;
  /**
   * Forward the caller's `Authorization` header to this subgraph. Switch it off for third-party
   * subgraphs that must never see our users' tokens. From `SUBGRAPH_<NAME>_FORWARD_AUTH`.
   * @defaultValue true
   */
  readonly forwardAuthorization: boolean;
}

export interface GatewayConfig {
  /** `GATEWAY_PORT`. @defaultValue 4000 */
  readonly port: number;
  /** `HOST`: the interface to bind. @defaultValue '127.0.0.1' */
  readonly host: string;
  /**
   * `SUPERGRAPH_PATH`: the composed supergraph SDL. It is watched and hot-reloaded on change.
   * A relative path is resolved from the working directory.
   * @defaultValue `schema/supergraph.graphql` at the repository root
   */
  readonly supergraphPath: string;
  /** `JWKS_URL`: where the token signing keys are published. Required in production. @defaultValue {@link DEFAULT_JWKS_URL} */
  readonly jwksUrl: URL;
  /** `JWT_ISSUER`: the expected `iss`. Required in production. @defaultValue DEV_ISSUER */
  readonly jwtIssuer: string;
  /** `JWT_AUDIENCE`: the expected `aud`. Required in production. @defaultValue DEV_AUDIENCE */
  readonly jwtAudience: string;
  /** `NODE_ENV`: `production` turns off introspection and Sandbox and masks internal errors. @defaultValue 'development' */
  readonly nodeEnv: 'development' | 'test' | 'production';
  /** `LOG_LEVEL`. @defaultValue 'info' */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * `SUBGRAPH_TIMEOUT_MS`: how long one subgraph call may take, body included; `@apollo/gateway`
   * itself waits forever. 0 disables the limit (not recommended). @defaultValue 10000
   */
  readonly subgraphTimeoutMs: number;
  /** `MAX_BODY_BYTES`: the largest accepted request body. @defaultValue 1048576 (1 MiB) */
  readonly maxBodyBytes: number;
  /**
   * `CORS_ORIGINS`: browser origins allowed to call the gateway, comma-separated, or `*`.
   * @defaultValue `*` outside production; none (same origin only) in production
   */
  readonly corsOrigins: '*' | readonly string[];
  /**
   * Per-subgraph settings from `SUBGRAPH_<NAME>_URL` and `SUBGRAPH_<NAME>_FORWARD_AUTH`, keyed
   * by `<NAME>`: the subgraph name upper-cased, with every other character than A-Z and 0-9
   * turned into `_` (`my-reviews` → `MY_REVIEWS`). Use {@link subgraphSettings} to read it.
   */
  readonly subgraphs: ReadonlyMap<string, SubgraphSettings>;
}

const SUBGRAPH_VARIABLE = /^SUBGRAPH_([A-Z0-9_]+?)_(URL|FORWARD_AUTH)$/;

/** The `<NAME>` a subgraph's env variables use. */
export function subgraphEnvName(subgraphName: string): string {
  return subgraphName.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function subgraphSettings(config: GatewayConfig, subgraphName: string): SubgraphSettings {
  return config.subgraphs.get(subgraphEnvName(subgraphName)) ?? { forwardAuthorization: true };
}

const baseShape = {
  GATEWAY_PORT: port(4000),
  HOST: z.string().default('127.0.0.1'),
  SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH_PATH),
  JWKS_URL: httpUrl().optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  NODE_ENV: nodeEnv(),
  LOG_LEVEL: logLevel(),
  SUBGRAPH_TIMEOUT_MS: millis(10_000),
  MAX_BODY_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(1_048_576),
  CORS_ORIGINS: z.string().optional(),
};
type BaseValues = z.output<z.ZodObject<typeof baseShape>>;

/**
 * The zod schema of the gateway's environment, including the `SUBGRAPH_<NAME>_*` variables
 * present in `env`. Its output is the {@link GatewayConfig}; use it with `loadConfigOrExit`.
 */
export function gatewayConfigSchema(env: Env) {
  // The per-subgraph variables are discovered in the environment, then validated like the fixed
  // ones, so a bad override is reported together with every other problem.
  const dynamic: Record<string, z.ZodType> = {};
  for (const key of Object.keys(env)) {
    const match = SUBGRAPH_VARIABLE.exec(key);
    if (match?.[2] === 'URL') dynamic[key] = httpUrl().optional();
    if (match?.[2] === 'FORWARD_AUTH') dynamic[key] = flag(true);
  }
  // Production has no safe defaults for token verification. Making the fields required (rather
  // than a refinement, which zod skips when another field fails) lists them with every other
  // problem.
  const production = env['NODE_ENV'] === 'production';
  const required = production
    ? { JWKS_URL: httpUrl(), JWT_ISSUER: z.string(), JWT_AUDIENCE: z.string() }
    : {};
  return z
    .object({ ...baseShape, ...required, ...dynamic })
    .transform((values): GatewayConfig => toGatewayConfig(values));
}

/** Reads and validates the gateway's environment; throws `ConfigError` listing every problem. */
export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  return loadConfig('gateway', gatewayConfigSchema(env), env);
}

function toGatewayConfig(values: BaseValues & Record<string, unknown>): GatewayConfig {
  const subgraphs = new Map<string, { url?: string; forwardAuthorization: boolean }>();
  for (const [key, value] of Object.entries(values)) {
    const match = SUBGRAPH_VARIABLE.exec(key);
    if (!match?.[1] || value === undefined) continue;
    const settings = subgraphs.get(match[1]) ?? { forwardAuthorization: true };
    if (match[2] === 'URL' && typeof value === 'string') settings.url = value;
    if (match[2] === 'FORWARD_AUTH') settings.forwardAuthorization = value === true;
    subgraphs.set(match[1], settings);
  }
  const production = values.NODE_ENV === 'production';
  return {
    port: values.GATEWAY_PORT,
    host: values.HOST,
    supergraphPath: resolve(values.SUPERGRAPH_PATH),
    jwksUrl: new URL(values.JWKS_URL ?? DEFAULT_JWKS_URL),
    jwtIssuer: values.JWT_ISSUER ?? DEV_ISSUER,
    jwtAudience: values.JWT_AUDIENCE ?? DEV_AUDIENCE,
    nodeEnv: values.NODE_ENV,
    logLevel: values.LOG_LEVEL,
    subgraphTimeoutMs: values.SUBGRAPH_TIMEOUT_MS,
    maxBodyBytes: values.MAX_BODY_BYTES,
    corsOrigins: parseOrigins(values.CORS_ORIGINS, production),
    subgraphs,
  };
}

function parseOrigins(value: string | undefined, production: boolean): '*' | string[] {
  if (value === undefined) return production ? [] : '*';
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return origins.includes('*') ? '*' : origins;
}
