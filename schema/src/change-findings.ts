import { relative } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { Acknowledgement } from './changelog.js';
import {
  usageByOperation,
  type ClientOperation,
  type OperationDocument,
} from './check-operations.js';
import type { Finding, SourceLocation } from './check-result.js';
import { judgeBreakingChanges, type SchemaChange } from './diff-schema.js';
import type { SchemaProject } from './load-config.js';
import { usesPath } from './operation-usage.js';

export interface ChangeFindingsInput {
  readonly changes: readonly SchemaChange[];
  /** The base API schema: deprecations and operation usage are read from it. */
  readonly base: GraphQLSchema;
  readonly acknowledgements: ReadonlyMap<string, Acknowledgement>;
  readonly operations: {
    readonly documents: readonly OperationDocument[];
    readonly list: readonly ClientOperation[];
  };
  readonly project: Pick<SchemaProject, 'rootDir' | 'changelogFile'>;
  /** Where the changed element is in the new schema (or its type, when the element is gone). */
  readonly locate: (path: string) => SourceLocation | undefined;
}

/** How many changes of each kind check 4 saw, for its summary. */
export interface ChangeTally {
  readonly changes: number;
  readonly breaking: number;
  /** Breaking, but deprecated in the base or acknowledged. */
  readonly allowed: number;
  readonly dangerous: number;
}

/**
 * The findings of check 4 for a list of changes: a breaking change is an error unless it was
 * deprecated in the base or acknowledged (then a notice), and names the client operations that
 * use the element; a dangerous change is a warning.
 */
export function changeFindings(input: ChangeFindingsInput): {
  tally: ChangeTally;
  findings: Finding[];
} {
  const { changes, project } = input;
  const verdicts = judgeBreakingChanges(changes, input.base, input.acknowledgements);
  // Usage is computed against the base, where removed fields still exist.
  const usage = usageByOperation(input.operations.documents, input.operations.list, input.base);
  const rel = (file: string): string => relative(project.rootDir, file);
  const at = (path: string): { location?: SourceLocation } => {
    const location = input.locate(path);
    return location ? { location } : {};
  };

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
    if (verdict.allowed) {
      const why =
        verdict.by === 'deprecated'
          ? `allowed: deprecated in the base ("${verdict.deprecationReason}")`
          : `allowed: acknowledged at ${rel(project.changelogFile)}:${verdict.acknowledgement.line} ("${verdict.acknowledgement.reason}")`;
      findings.push({
        severity: 'notice',
        code: change.type,
        message: `${path}: ${change.message} (${why})`,
        ...at(path),
        details: [usedBy],
      });
      continue;
    }
    findings.push({
      severity: 'error',
      code: change.type,
      message: `breaking change to ${path}: ${change.message}`,
      ...at(path),
      details: [
        usedBy,
        `to ship it: deprecate ${path} for a release first, or add to ${rel(project.changelogFile)}: - BREAKING ACK: ${path} — <reason>`,
      ],
    });
  }
  const dangerous = changes.filter((c) => c.level === 'DANGEROUS');
  for (const change of dangerous) {
    findings.push({
      severity: 'warning',
      code: change.type,
      message: `${change.path ?? ''}: ${change.message}${change.reason ? ` (${change.reason})` : ''}`,
      ...at(change.path ?? ''),
    });
  }
  const tally = {
    changes: changes.length,
    breaking: verdicts.length,
    allowed: verdicts.filter((v) => v.allowed).length,
    dangerous: dangerous.length,
  };
  return { tally, findings };
}
