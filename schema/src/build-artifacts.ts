import { join } from 'node:path';
import type { Finding } from './check-result.js';
import { composeSupergraph, type Composition } from './compose.js';
import { loadEventSnapshots, type EventSnapshot } from './event-snapshot.js';
import {
  generateSubgraphSdl,
  importModule,
  type GeneratedSdl,
  type ModuleLoader,
} from './generate-sdl.js';
import { DEFAULT_ENV, type SchemaProject } from './load-config.js';

/** Everything `schema:compose` writes, generated fresh from code. */
export interface Artifacts {
  /** One per subgraph, in name order. */
  readonly subgraphs: readonly GeneratedSdl[];
  /** Absent when a subgraph's SDL could not be generated. */
  readonly composition?: Composition;
  /** Absent when `supergraph.yaml` configures no event registry. */
  readonly events?:
    | { readonly ok: true; readonly snapshots: readonly EventSnapshot[] }
    | { readonly ok: false; readonly findings: readonly Finding[] };
}

export interface BuildOptions {
  /**
   * Whose routing URLs the supergraph carries.
   * @defaultValue `'dev'`
   */
  readonly env?: string;
  /**
   * How subgraph and event modules are loaded.
   * @defaultValue dynamic `import()`
   */
  readonly load?: ModuleLoader;
}

/** The committed path of a subgraph's generated SDL. */
export function subgraphSdlFile(project: SchemaProject, name: string): string {
  return join(project.subgraphsDir, `${name}.graphql`);
}

/**
 * Generates every subgraph's SDL, composes them, and snapshots the event contracts. Subgraph
 * modules are imported dynamically by the specifier in `supergraph.yaml`, so this package needs
 * no compile-time dependency on each subgraph (npm links every workspace into node_modules).
 */
export async function buildArtifacts(
  project: SchemaProject,
  options: BuildOptions = {},
): Promise<Artifacts> {
  const env = options.env ?? DEFAULT_ENV;
  const load = options.load ?? importModule;
  const subgraphs: GeneratedSdl[] = [];
  for (const entry of project.subgraphs) {
    subgraphs.push(await generateSubgraphSdl(entry, project, load));
  }
  let composition: Composition | undefined;
  if (subgraphs.every((s) => s.ok)) {
    const missingUrl = project.subgraphs.filter((e) => e.routingUrls[env] === undefined);
    composition =
      missingUrl.length > 0
        ? {
            ok: false,
            errors: missingUrl.map((e) => ({
              severity: 'error',
              code: 'ROUTING_URL_MISSING',
              message: `subgraph ${e.name} has no routing URL for environment "${env}"`,
              location: { file: project.configFile },
            })),
          }
        : composeSupergraph(
            subgraphs.map((s) => ({
              name: s.name,
              file: subgraphSdlFile(project, s.name),
              text: s.ok ? s.text : '',
              url: project.subgraphs.find((e) => e.name === s.name)?.routingUrls[env] ?? '',
            })),
            { rootDir: project.rootDir, configFile: project.configFile, env },
          );
  }
  let events: Artifacts['events'];
  if (project.events) {
    try {
      events = {
        ok: true,
        snapshots: await loadEventSnapshots(
          project.events.specifier,
          project.events.exportName,
          load,
        ),
      };
    } catch (cause) {
      events = {
        ok: false,
        findings: [
          {
            severity: 'error',
            code: 'EVENT_CONTRACTS_INVALID',
            message: `cannot load event contracts from ${project.events.specifier}: ${cause instanceof Error ? cause.message : String(cause)}`,
            location: { file: project.configFile },
          },
        ],
      };
    }
  }
  return { subgraphs, ...(composition ? { composition } : {}), ...(events ? { events } : {}) };
}
