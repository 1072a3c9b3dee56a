import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The dev ports in the public contract; other subgraphs get a free port. */
export const CONTRACT_PORTS: Readonly<Record<string, number>> = {
  accounts: 4001,
  catalog: 4002,
  inventory: 4003,
  orders: 4004,
  payments: 4005,
  reviews: 4006,
};

export interface SubgraphInfo {
  /** The folder name, which is also the subgraph name in the supergraph: `catalog`. */
  readonly name: string;
  /** Absolute path of `subgraphs/<name>`. */
  readonly dir: string;
  /** The env prefix: `CATALOG` for `CATALOG_PORT`, `CATALOG_MONGODB_URI`, `SUBGRAPH_CATALOG_URL`. */
  readonly envPrefix: string;
  /** The contract's dev port, or undefined when the contract does not list this domain. */
  readonly defaultPort: number | undefined;
  /** Whether `src/seed-main.ts` exists (what `npm run seed` runs). */
  readonly hasSeed: boolean;
}

export function envPrefixOf(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * Lists `subgraphs/<name>/` folders that are workspaces with a `src/main.ts`, sorted by name, so
 * adding a subgraph needs no change to the dev stack.
 */
export function discoverSubgraphs(repoRoot: string): SubgraphInfo[] {
  const root = join(repoRoot, 'subgraphs');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, entry.name))
    .filter((dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src/main.ts')))
    .map((dir) => {
      const name = dir.slice(root.length + 1);
      return {
        name,
        dir,
        envPrefix: envPrefixOf(name),
        defaultPort: CONTRACT_PORTS[name],
        hasSeed: existsSync(join(dir, 'src/seed-main.ts')),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
