import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { Finding } from './check-result.js';

/** Where a subgraph's SDL comes from. */
export type SubgraphSchemaSource =
  | {
      /** Generated from code: the module exports `createSchema()` (or at least `typeDefs`). */
      readonly kind: 'module';
      /** A package specifier (`@tessera/catalog/schema`) or an absolute file path. */
      readonly specifier: string;
      /** The SDL file the module parses, so errors point at its lines. */
      readonly source?: string;
    }
  | {
      /** A plain SDL file, e.g. a third-party subgraph's published schema. */
      readonly kind: 'file';
      readonly path: string;
    };

export interface SubgraphEntry {
  readonly name: string;
  /** Routing URL by environment name; `dev` is always present. */
  readonly routingUrls: Readonly<Record<string, string>>;
  readonly schema: SubgraphSchemaSource;
}

/** `schema/` and everything the tools read and write in it. Every path is absolute. */
export interface SchemaProject {
  readonly schemaDir: string;
  /** Paths in reports are printed relative to this directory (the repository root). */
  readonly rootDir: string;
  readonly configFile: string;
  /** Sorted by name, so output does not depend on the order of the YAML file. */
  readonly subgraphs: readonly SubgraphEntry[];
  /** The module exporting the event-contract registry, if events are checked. */
  readonly events?: { readonly specifier: string; readonly exportName: string };
  readonly supergraphFile: string;
  readonly subgraphsDir: string;
  readonly eventsDir: string;
  readonly operationsDir: string;
  readonly changelogFile: string;
}

/** The default environment: the committed supergraph carries its routing URLs. */
export const DEFAULT_ENV = 'dev';

/** `supergraph.yaml` is missing, is not YAML, or does not match its schema. */
export class SchemaConfigError extends Error {
  readonly code = 'SCHEMA_CONFIG_INVALID';
  constructor(readonly findings: readonly Finding[]) {
    super(findings.map((f) => f.message).join('\n'));
    this.name = 'SchemaConfigError';
  }
}

const nameRe = /^[a-z][a-z0-9_-]*$/;

const moduleSchema = z.strictObject({
  module: z.string().min(1),
  source: z.string().min(1).optional(),
});
const fileSchema = z.strictObject({ file: z.string().min(1) });

const configSchema = z.strictObject({
  subgraphs: z
    .record(
      z.string(),
      z.strictObject({
        routing_url: z
          .record(z.string().regex(nameRe), z.url())
          .refine((urls) => DEFAULT_ENV in urls, `needs a "${DEFAULT_ENV}" URL`),
        schema: z.union([moduleSchema, fileSchema]),
      }),
    )
    // Checked here rather than on the record key, so the entry itself is still validated.
    .superRefine((subgraphs, ctx) => {
      for (const name of Object.keys(subgraphs).filter((n) => !nameRe.test(n))) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'subgraph names are lowercase: a-z, 0-9, _ and - (they name files)',
        });
      }
    }),
  events: z
    .strictObject({
      module: z.string().min(1),
      export: z.string().min(1).default('eventContracts'),
    })
    .optional(),
});

/**
 * Reads `<schemaDir>/supergraph.yaml`. Relative paths in it (SDL files, `./` module paths)
 * resolve against its directory. Throws {@link SchemaConfigError} listing every problem.
 */
export function loadSchemaProject(schemaDir: string, rootDir = dirname(schemaDir)): SchemaProject {
  const configFile = join(schemaDir, 'supergraph.yaml');
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (cause) {
    throw new SchemaConfigError([
      { severity: 'error', message: `cannot read ${configFile}: ${String(cause)}` },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new SchemaConfigError(
      doc.errors.map((e) => ({
        severity: 'error',
        message: `supergraph.yaml is not valid YAML: ${e.message.split('\n')[0] ?? e.message}`,
        code: 'SCHEMA_CONFIG_INVALID',
        location: { file: configFile, ...(e.linePos ? { line: e.linePos[0].line } : {}) },
      })),
    );
  }
  const parsed = configSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new SchemaConfigError(
      parsed.error.issues.map((issue) => ({
        severity: 'error',
        message: `supergraph.yaml: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
        code: 'SCHEMA_CONFIG_INVALID',
        location: { file: configFile, ...lineOf(doc, lines, issue.path) },
      })),
    );
  }
  const config = parsed.data;
  const subgraphs = Object.entries(config.subgraphs)
    .map(([name, sg]): SubgraphEntry => {
      const schema: SubgraphSchemaSource =
        'file' in sg.schema
          ? { kind: 'file', path: resolve(schemaDir, sg.schema.file) }
          : {
              kind: 'module',
              specifier: resolveSpecifier(schemaDir, sg.schema.module),
              ...(sg.schema.source ? { source: resolve(schemaDir, sg.schema.source) } : {}),
            };
      return { name, routingUrls: sg.routing_url, schema };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    schemaDir,
    rootDir,
    configFile,
    subgraphs,
    ...(config.events
      ? {
          events: {
            specifier: resolveSpecifier(schemaDir, config.events.module),
            exportName: config.events.export,
          },
        }
      : {}),
    supergraphFile: join(schemaDir, 'supergraph.graphql'),
    subgraphsDir: join(schemaDir, 'subgraphs'),
    eventsDir: join(schemaDir, 'events'),
    operationsDir: join(schemaDir, 'operations'),
    changelogFile: join(schemaDir, 'CHANGELOG.md'),
  };
}

/** `./x.ts` and `../x.ts` are files next to the YAML; anything else is a package specifier. */
function resolveSpecifier(schemaDir: string, specifier: string): string {
  return specifier.startsWith('.') || isAbsolute(specifier)
    ? resolve(schemaDir, specifier)
    : specifier;
}

function lineOf(
  doc: Document,
  lines: LineCounter,
  path: readonly PropertyKey[],
): { line?: number } {
  // Point at the key of the deepest entry that exists, so a missing key points at its parent.
  for (let n = path.length; n > 0; n--) {
    const parent: unknown = doc.getIn(path.slice(0, n - 1), true);
    if (!isMap(parent)) continue;
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1]);
    const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    if (range) return { line: lines.linePos(range[0]).line };
  }
  return {};
}
