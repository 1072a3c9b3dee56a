import { z } from 'zod';
import { httpUrl, logLevel, millis, mongoUri, nodeEnv, port } from '@tessera/config';
import { DEV_AUDIENCE, DEV_ISSUER } from '@tessera/auth';

/** Where a subgraph looks for MongoDB when neither `MONGODB_URI` nor its own override is set. */
export const DEFAULT_MONGODB_URI = 'mongodb://127.0.0.1:27017/';
/** Where accounts serves its public keys in dev. */
export const DEFAULT_JWKS_URL = 'http://127.0.0.1:4001/.well-known/jwks.json';

/** A subgraph's settings common to every domain, after parsing. */
export interface SubgraphEnv {
  /** `<DOMAIN>_PORT`; 0 asks the OS for a free port. */
  readonly port: number;
  /** `<DOMAIN>_MONGODB_URI`, else `MONGODB_URI`, else {@link DEFAULT_MONGODB_URI}. */
  readonly mongoUri: string;
  /** `<DOMAIN>_MONGODB_DB`. @defaultValue `tessera_<domain>` */
  readonly mongoDb: string;
  /** `JWKS_URL`. Required in production. @defaultValue {@link DEFAULT_JWKS_URL} */
  readonly jwksUrl: URL;
  /** `JWT_ISSUER`. Required in production. @defaultValue `DEV_ISSUER` */
  readonly jwtIssuer: string;
  /** `JWT_AUDIENCE`. Required in production. @defaultValue `DEV_AUDIENCE` */
  readonly jwtAudience: string;
  /** `NODE_ENV`. @defaultValue 'development' */
  readonly nodeEnv: 'development' | 'test' | 'production';
  /** `LOG_LEVEL`. @defaultValue 'info' */
  readonly logLevel: string;
  /** `HOST`, the interface to bind. @defaultValue '127.0.0.1' */
  readonly host: string;
  /** `SHUTDOWN_GRACE_MS`: how long in-flight requests get on SIGTERM. @defaultValue 10000 */
  readonly shutdownGraceMs: number;
}

// MongoDB refuses these characters in database names, and caps names at 63 bytes.
const mongoDbName = () =>
  z
    .string()
    .regex(/^[^/\\. "$*<>:|?]{1,63}$/, 'must be a MongoDB database name (no /\\. "$*<>:|?)');

function sharedShape() {
  return {
    MONGODB_URI: mongoUri().default(DEFAULT_MONGODB_URI),
    // The JWT settings are optional here so that production can demand them explicitly (see
    // the refinement below); toSubgraphEnv fills in the dev defaults.
    JWKS_URL: httpUrl().optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    NODE_ENV: nodeEnv(),
    LOG_LEVEL: logLevel(),
    HOST: z.string().min(1).default('127.0.0.1'),
    SHUTDOWN_GRACE_MS: millis(10_000),
  };
}

type SharedShape = ReturnType<typeof sharedShape>;

/** The zod shape of {@link subgraphEnvSchema}: shared variables plus three per-domain ones. */
export type SubgraphEnvShape<D extends string> = SharedShape &
  Record<`${Uppercase<D>}_PORT`, ReturnType<typeof port>> &
  Record<`${Uppercase<D>}_MONGODB_URI`, z.ZodOptional<ReturnType<typeof mongoUri>>> &
  Record<`${Uppercase<D>}_MONGODB_DB`, z.ZodDefault<z.ZodString>>;

/** The variables every subgraph shares, as parsed. */
export interface SharedEnvVars {
  readonly MONGODB_URI: string;
  readonly JWKS_URL?: string | undefined;
  readonly JWT_ISSUER?: string | undefined;
  readonly JWT_AUDIENCE?: string | undefined;
  readonly NODE_ENV: 'development' | 'test' | 'production';
  readonly LOG_LEVEL: string;
  readonly HOST: string;
  readonly SHUTDOWN_GRACE_MS: number;
}

/** The parsed (env-named) output of {@link subgraphEnvSchema}, or of any extension of it. */
export type SubgraphEnvVars<D extends string> = SharedEnvVars & {
  readonly [K in `${Uppercase<D>}_PORT` | `${Uppercase<D>}_MONGODB_DB`]: K extends `${string}_PORT`
    ? number
    : string;
} & { readonly [K in `${Uppercase<D>}_MONGODB_URI`]?: string | undefined };

const JWT_VARS = ['JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE'] as const;

/**
 * The environment every subgraph reads, as a zod object keyed by variable name, for
 * `loadConfig` / `loadConfigOrExit` of `@tessera/config`. It stays a plain `ZodObject` so a
 * subgraph can `.extend()` it with its own variables, then map the result to a typed config with
 * {@link toSubgraphEnv} in a `.transform()`:
 *
 * ```ts
 * const schema = subgraphEnvSchema('orders', 4004)
 *   .extend({ ORDERS_SAGA_TIMEOUT_MS: millis(30_000) })
 *   .transform((env) => ({ ...toSubgraphEnv('orders', env), sagaTimeoutMs: env.ORDERS_SAGA_TIMEOUT_MS }));
 * export const config = loadConfigOrExit('orders', schema);
 * ```
 * A subgraph with no variables of its own uses {@link subgraphConfigSchema}.
 *
 * In production (`NODE_ENV=production`) `JWKS_URL`, `JWT_ISSUER` and `JWT_AUDIENCE` are
 * required; the check runs even when other variables are invalid, so every problem is reported
 * at once.
 *
 * @param domain the subgraph's lowercase name (`orders`): variables are `ORDERS_PORT`, …
 * @param defaultPort the CONTRACT port (`4004`)
 */
export function subgraphEnvSchema<D extends string>(domain: D, defaultPort: number) {
  const prefix = envPrefix(domain);
  const shape = {
    [`${prefix}_PORT`]: port(defaultPort),
    [`${prefix}_MONGODB_URI`]: mongoUri().optional(),
    [`${prefix}_MONGODB_DB`]: mongoDbName().default(`tessera_${domain}`),
    ...sharedShape(),
  } as SubgraphEnvShape<D>;
  return z.object(shape).superRefine(
    (vars, ctx) => {
      // This runs even when other fields failed (see `when`), so it reads the value defensively.
      const value = vars as Record<string, unknown> | undefined;
      if (value?.['NODE_ENV'] !== 'production') return;
      for (const name of JWT_VARS) {
        if (value[name] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required when NODE_ENV=production',
          });
        }
      }
    },
    { when: () => true },
  );
}

/**
 * Maps the parsed variables of {@link subgraphEnvSchema} (or an extension of it) to
 * {@link SubgraphEnv}, applying the dev defaults of the JWT settings.
 */
export function toSubgraphEnv<D extends string>(domain: D, vars: SubgraphEnvVars<D>): SubgraphEnv {
  const prefix = envPrefix(domain);
  // The template-literal keys are exact for a literal `D`, but opaque inside this generic body.
  const own = vars as unknown as Record<string, unknown>;
  return {
    port: own[`${prefix}_PORT`] as number,
    mongoUri: (own[`${prefix}_MONGODB_URI`] as string | undefined) ?? vars.MONGODB_URI,
    mongoDb: own[`${prefix}_MONGODB_DB`] as string,
    jwksUrl: new URL(vars.JWKS_URL ?? DEFAULT_JWKS_URL),
    jwtIssuer: vars.JWT_ISSUER ?? DEV_ISSUER,
    jwtAudience: vars.JWT_AUDIENCE ?? DEV_AUDIENCE,
    nodeEnv: vars.NODE_ENV,
    logLevel: vars.LOG_LEVEL,
    host: vars.HOST,
    shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
  };
}

/** {@link subgraphEnvSchema} already mapped to {@link SubgraphEnv}, for subgraphs with no variables of their own. */
export function subgraphConfigSchema<D extends string>(domain: D, defaultPort: number) {
  // zod's inferred output is only checkable against SubgraphEnvVars for a literal domain (the
  // unit tests check it for one); inside this generic body it has to be asserted.
  return subgraphEnvSchema(domain, defaultPort).transform((vars) =>
    toSubgraphEnv(domain, vars as unknown as SubgraphEnvVars<D>),
  );
}

function envPrefix(domain: string): string {
  if (!/^[a-z][a-z0-9]*$/.test(domain)) {
    throw new TypeError(
      `subgraphEnvSchema: domain must be lowercase letters and digits (got "${domain}"), e.g. "orders".`,
    );
  }
  return domain.toUpperCase();
}
