import type { ASTNode, DocumentNode, GraphQLSchema } from 'graphql';
import { getLocation, parse, Source } from './graphql-runtime.js';
import type { Acknowledgement } from './changelog.js';
import { changeFindings } from './change-findings.js';
import type { ClientOperation, OperationDocument } from './check-operations.js';
import type { Finding, SourceLocation } from './check-result.js';
import { apiSchemaOf, diffApiSchemas } from './diff-schema.js';
import type { SchemaProject } from './load-config.js';

export interface BreakingCheckInput {
  readonly baseSupergraph: string;
  readonly next: GraphQLSchema;
  /** The fresh supergraph's text, to point findings at the changed element's line. */
  readonly nextSupergraphText: string;
  readonly project: Pick<SchemaProject, 'rootDir' | 'supergraphFile' | 'changelogFile'>;
  readonly acknowledgements: ReadonlyMap<string, Acknowledgement>;
  readonly operations: {
    readonly documents: readonly OperationDocument[];
    readonly list: readonly ClientOperation[];
  };
}

/**
 * Check 4: diffs the base and new API schemas with graphql-inspector. A breaking change fails
 * unless it was deprecated in the base or acknowledged; each names the client operations that
 * use the element. Dangerous changes are warnings.
 */
export async function breakingChangeFindings(
  input: BreakingCheckInput,
): Promise<{ summary: string; findings: Finding[] }> {
  const { project } = input;
  const baseApi = baseApiSchema(input.baseSupergraph);
  if (!baseApi.ok)
    return { summary: 'the base supergraph is unreadable', findings: [baseApi.finding] };
  const base = baseApi.schema;
  const changes = await diffApiSchemas(base, input.next);
  const nextDoc = parseOrUndefined(input.nextSupergraphText, project.supergraphFile);
  const { tally, findings } = changeFindings({
    changes,
    base,
    acknowledgements: input.acknowledgements,
    operations: input.operations,
    project,
    locate: (path) => locate(nextDoc, path, project.supergraphFile),
  });
  const { changes: all, breaking, allowed, dangerous } = tally;
  const summary = `${all} change(s): ${breaking} breaking (${allowed} allowed), ${dangerous} dangerous, ${all - breaking - dangerous} safe`;
  return { summary, findings };
}

/** The API schema of the base supergraph, or a `SCHEMA_BASE_INVALID` finding. */
export function baseApiSchema(
  supergraph: string,
): { ok: true; schema: GraphQLSchema } | { ok: false; finding: Finding } {
  try {
    return { ok: true, schema: apiSchemaOf(supergraph) };
  } catch (cause) {
    return {
      ok: false,
      finding: {
        severity: 'error',
        code: 'SCHEMA_BASE_INVALID',
        message: `the base supergraph does not build: ${cause instanceof Error ? cause.message : String(cause)}`,
      },
    };
  }
}

function parseOrUndefined(text: string, file: string): DocumentNode | undefined {
  try {
    return parse(new Source(text, file), { noLocation: false });
  } catch {
    return undefined;
  }
}

/** The line of `Type.member` in the supergraph, or of `Type` when the member is gone. */
function locate(doc: DocumentNode | undefined, path: string, file: string): SourceLocation {
  const [typeName, member] = path.split('.');
  const type = doc?.definitions.find(
    (d) => 'name' in d && d.name?.value === typeName && d.kind.endsWith('Definition'),
  );
  if (!type) return { file };
  const members = [
    ...('fields' in type ? (type.fields ?? []) : []),
    ...('values' in type ? (type.values ?? []) : []),
  ] as readonly { name: { value: string } }[];
  const node = (members.find((m) => m.name.value === member) as ASTNode | undefined) ?? type;
  return node.loc ? { file, line: getLocation(node.loc.source, node.loc.start).line } : { file };
}
