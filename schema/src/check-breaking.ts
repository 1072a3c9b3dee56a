import { relative } from 'node:path';
import type { ASTNode, DocumentNode, GraphQLSchema } from 'graphql';
import { getLocation, parse, Source } from './graphql-runtime.js';
import type { Acknowledgement } from './changelog.js';
import {
  usageByOperation,
  type ClientOperation,
  type OperationDocument,
} from './check-operations.js';
import type { Finding, SourceLocation } from './check-result.js';
import { apiSchemaOf, diffApiSchemas, judgeBreakingChanges } from './diff-schema.js';
import type { SchemaProject } from './load-config.js';
import { usesPath } from './operation-usage.js';

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
  let base: GraphQLSchema;
  try {
    base = apiSchemaOf(input.baseSupergraph);
  } catch (cause) {
    return {
      summary: 'the base supergraph is unreadable',
      findings: [
        {
          severity: 'error',
          code: 'SCHEMA_BASE_INVALID',
          message: `the base supergraph does not build: ${cause instanceof Error ? cause.message : String(cause)}`,
        },
      ],
    };
  }
  const changes = await diffApiSchemas(base, input.next);
  const verdicts = judgeBreakingChanges(changes, base, input.acknowledgements);
  // Usage is computed against the base, where removed fields still exist.
  const usage = usageByOperation(input.operations.documents, input.operations.list, base);
  const nextDoc = parseOrUndefined(input.nextSupergraphText, project.supergraphFile);
  const rel = (file: string): string => relative(project.rootDir, file);

  const findings: Finding[] = [];
  for (const verdict of verdicts) {
    const { change } = verdict;
    const path = change.path ?? '';
    const affected = [...usage]
      .filter(([, used]) => usesPath(used, path, change.type))
      .map(([op]) => `${op.name} (${rel(op.file)}:${op.line})`);
    const usedBy =
      affected.length > 0
        ? `used by operation(s): ${affected.join(', ')}`
        : 'no operation in schema/operations uses it';
    const location = locate(nextDoc, path, project.supergraphFile);
    if (verdict.allowed) {
      const why =
        verdict.by === 'deprecated'
          ? `allowed: deprecated in the base ("${verdict.deprecationReason}")`
          : `allowed: acknowledged at ${rel(project.changelogFile)}:${verdict.acknowledgement.line} ("${verdict.acknowledgement.reason}")`;
      findings.push({
        severity: 'notice',
        code: change.type,
        message: `${path}: ${change.message} (${why})`,
        location,
        details: [usedBy],
      });
      continue;
    }
    findings.push({
      severity: 'error',
      code: change.type,
      message: `breaking change to ${path}: ${change.message}`,
      location,
      details: [
        usedBy,
        `to ship it: deprecate ${path} for a release first, or add to ${rel(project.changelogFile)}: - BREAKING ACK: ${path} — <reason>`,
      ],
    });
  }
  for (const change of changes.filter((c) => c.level === 'DANGEROUS')) {
    findings.push({
      severity: 'warning',
      code: change.type,
      message: `${change.path ?? ''}: ${change.message}${change.reason ? ` (${change.reason})` : ''}`,
      location: locate(nextDoc, change.path ?? '', project.supergraphFile),
    });
  }
  const breaking = verdicts.length;
  const allowed = verdicts.filter((v) => v.allowed).length;
  const dangerous = changes.filter((c) => c.level === 'DANGEROUS').length;
  const summary = `${changes.length} change(s): ${breaking} breaking (${allowed} allowed), ${dangerous} dangerous, ${changes.length - breaking - dangerous} safe`;
  return { summary, findings };
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
