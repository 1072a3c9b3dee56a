import { z } from 'zod';
import { mongoUri, port, redisUrl } from '@tessera/config';
import type { SubgraphInfo } from './discover-subgraphs.js';

/**
 * `npm run dev`'s own settings: the optional external MongoDB and Redis, and the ports. Subgraph
 * port variables are derived from the discovered subgraphs (`<DOMAIN>_PORT`).
 */
export function devConfigSchema(subgraphs: readonly SubgraphInfo[]) {
  const subgraphPorts = Object.fromEntries(
    subgraphs.map((s) => [`${s.envPrefix}_PORT`, port(s.defaultPort ?? 0)]),
  );
  return z
    .object({
      MONGODB_URI: mongoUri().optional(),
      REDIS_URL: redisUrl().optional(),
      GATEWAY_PORT: port(4000),
      ...subgraphPorts,
    })
    .transform((env) => {
      const values: Readonly<Record<string, unknown>> = env;
      return {
        mongoUri: env.MONGODB_URI,
        redisUrl: env.REDIS_URL,
        gatewayPort: env.GATEWAY_PORT,
        subgraphPorts: Object.fromEntries(
          subgraphs.map((s) => [s.name, Number(values[`${s.envPrefix}_PORT`])]),
        ),
      };
    });
}

export type DevConfig = z.output<ReturnType<typeof devConfigSchema>>;
