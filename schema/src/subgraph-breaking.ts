import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { DocumentNode } from 'graphql';
import { subgraphSdlFile, type Artifacts } from './build-artifacts.js';
import type { Acknowledgement } from './changelog.js';
import { changeFindings } from './change-findings.js';
import { baseApiSchema } from './check-breaking.js';
import type { ClientOperation, OperationDocument } from './check-operations.js';
import type { Finding, SourceLocation } from './check-result.js';
import type { BaseRevision } from './git-base.js';
import { Kind, parse, Source } from './graphql-runtime.js';
import type { SchemaProject } from './load-config.js';
import { locationOf } from './locate.js';
import { subgraphChanges, type SubgraphPair } from './subgraph-changes.js';

export interface SubgraphBreakingInput {
  readonly project: SchemaProject;
  readonly artifacts: Pick<Artifacts, 'subgraphs'>;
  readonly base: BaseRevision;
  readonly baseSupergraph: string;
  /** Why there is no fresh composition, for the summary: `check 1`, `check 2`. */
  readonly cause: string;
  readonly acknowledgements: ReadonlyMap<string, Acknowledgement>;
  readonly operations: {
    readonly documents: readonly OperationDocument[];
    readonly list: readonly ClientOperation[];
  };
}

export type SubgraphBreakingResult =
  | { readonly compared: false; readonly reason: string }
  | { readonly compared: true; readonly summary: string; readonly findings: Finding[] };

/** A subgraph's new SDL, parsed without building its schema, and the file its lines are of. */
interface FreshSdl {
  readonly document?: DocumentNode;
  readonly file?: string;
}

const notParsed = (sdl: FreshSdl | undefined): string =>
  sdl?.file === undefined ? 'its SDL could not be loaded' : 'its SDL does not parse';

const EMPTY: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };

/**
 * Check 4 when there is no fresh composition (a subgraph schema does not build, or the
 * subgraphs do not compose): compares each subgraph's new SDL that still parses with its
 * `subgraphs/<name>.graphql` at the base, and reports the removed or retyped elements of the
 * base API schema like the full check does, naming the client operations that use them. A
 * subgraph whose SDL does not parse is not compared.
 */
export function subgraphBreakingFindings(input: SubgraphBreakingInput): SubgraphBreakingResult {
  const { project, base } = input;
  const baseApi = baseApiSchema(input.baseSupergraph);
  if (!baseApi.ok) {
    return {
      compared: true,
      summary: 'the base supergraph is unreadable',
      findings: [baseApi.finding],
    };
  }
  const fresh = freshSdl(project, input.artifacts);
  const atBase = base
    .list('subgraphs')
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => posix.basename(f, '.graphql'));
  const names = [...new Set([...fresh.keys(), ...atBase])].sort();

  const pairs: SubgraphPair[] = [];
  const others: DocumentNode[] = [];
  const notCompared: string[] = [];
  for (const name of names) {
    const text = base.read(`subgraphs/${name}.graphql`);
    const before = text === undefined ? undefined : parseOrUndefined(text, `base:${name}`);
    // A subgraph gone from supergraph.yaml provides nothing any more.
    const now = fresh.has(name) ? fresh.get(name)?.document : EMPTY;
    if (now && before) pairs.push({ name, next: now, base: before });
    else {
      const present = now ?? before;
      if (present) others.push(present);
      if (!now) notCompared.push(`${name} (${notParsed(fresh.get(name))})`);
    }
  }
  const skipped = notCompared.length > 0 ? `; not compared: ${notCompared.join(', ')}` : '';
  if (pairs.length === 0) {
    return { compared: false, reason: `no subgraph SDL to compare with the base${skipped}` };
  }

  const changes = subgraphChanges(pairs, others, baseApi.schema);
  const locations = new Map<string, SourceLocation>();
  for (const { change, subgraph, node } of changes) {
    const file = fresh.get(subgraph)?.file;
    const fallback = file ?? subgraphSdlFile(project, subgraph);
    // File and line, like the full check's locations in the supergraph.
    const { column: _column, ...location } =
      node && file ? locationOf(node, file, project.rootDir) : { file: fallback };
    locations.set(change.path ?? '', location);
  }
  const { tally, findings } = changeFindings({
    changes: changes.map((c) => c.change),
    base: baseApi.schema,
    acknowledgements: input.acknowledgements,
    operations: input.operations,
    project,
    locate: (path) => locations.get(path),
  });
  const summary =
    `composition failed (${input.cause}), so this is the subgraph-level analysis of ` +
    `${pairs.length} subgraph SDL(s) against the base: ${tally.breaking} breaking ` +
    `(${tally.allowed} allowed)${skipped}`;
  return { compared: true, summary, findings };
}

/**
 * Each subgraph's new SDL: the `typeDefs` generating it produced, or else its declared SDL file
 * (a module's `source`) parsed directly, since the module may fail to load for other reasons.
 */
function freshSdl(
  project: SchemaProject,
  artifacts: Pick<Artifacts, 'subgraphs'>,
): Map<string, FreshSdl> {
  const result = new Map<string, FreshSdl>();
  for (const generated of artifacts.subgraphs) {
    const entry = project.subgraphs.find((e) => e.name === generated.name);
    const file = entry?.schema.kind === 'file' ? entry.schema.path : entry?.schema.source;
    const document = generated.typeDefs ?? (file === undefined ? undefined : readAndParse(file));
    result.set(generated.name, { ...(document ? { document } : {}), ...(file ? { file } : {}) });
  }
  return result;
}

function readAndParse(file: string): DocumentNode | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return parseOrUndefined(text, file);
}

function parseOrUndefined(text: string, name: string): DocumentNode | undefined {
  try {
    return parse(new Source(text, name));
  } catch {
    return undefined;
  }
}
