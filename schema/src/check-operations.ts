import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getLocation, GraphQLError, Kind, parse, Source, validate } from './graphql-runtime.js';
import type { Finding } from './check-result.js';
import { findingFromGraphQLError } from './locate.js';
import { fragmentsUsedBy, operationUsage } from './operation-usage.js';

/** One named operation of `schema/operations/`. */
export interface ClientOperation {
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

export interface OperationDocument {
  readonly file: string;
  readonly document: DocumentNode;
}

/**
 * Parses every `*.graphql` file of the operations directory, in name order. Each file holds
 * named operations and the fragments they use; fragments are not shared across files.
 */
export function loadOperationDocuments(
  dir: string,
  rootDir: string,
): { documents: OperationDocument[]; findings: Finding[] } {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort();
  } catch {
    return { documents: [], findings: [] };
  }
  const documents: OperationDocument[] = [];
  const findings: Finding[] = [];
  for (const name of files) {
    const file = join(dir, name);
    try {
      documents.push({ file, document: parse(new Source(readFileSync(file, 'utf8'), file)) });
    } catch (cause) {
      if (!(cause instanceof GraphQLError)) throw cause;
      findings.push(findingFromGraphQLError(cause, { fallbackFile: file, rootDir }));
    }
  }
  return { documents, findings };
}

/** Every named operation with its file and line; anonymous and duplicate names are findings. */
export function listOperations(documents: readonly OperationDocument[]): {
  operations: ClientOperation[];
  findings: Finding[];
} {
  const operations: ClientOperation[] = [];
  const findings: Finding[] = [];
  const seen = new Map<string, ClientOperation>();
  for (const { file, document } of documents) {
    for (const def of document.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      const line = def.loc ? getLocation(def.loc.source, def.loc.start).line : 1;
      const name = def.name?.value;
      if (!name) {
        findings.push({
          severity: 'error',
          code: 'OPERATION_ANONYMOUS',
          message: 'every client operation needs a name, so checks can report it',
          location: { file, line },
        });
        continue;
      }
      const earlier = seen.get(name);
      const op = { name, file, line };
      if (earlier) {
        findings.push({
          severity: 'error',
          code: 'OPERATION_NAME_DUPLICATE',
          message: `operation ${name} is defined twice`,
          location: { file, line },
          details: [`first defined at ${earlier.file}:${earlier.line}`],
        });
        continue;
      }
      seen.set(name, op);
      operations.push(op);
    }
  }
  return { operations, findings };
}

/**
 * Validates every operation against the new API schema. Each failure names the operation (or
 * the operations using the failing fragment), its file and line, and the field at fault.
 */
export function validateOperations(
  documents: readonly OperationDocument[],
  schema: GraphQLSchema,
  rootDir: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const { file, document } of documents) {
    const fragmentUsers = fragmentsUsedBy(document);
    for (const err of validate(schema, document)) {
      const base = findingFromGraphQLError(err, { fallbackFile: file, rootDir });
      const owners = ownersOf(document, err, fragmentUsers);
      const field = /Cannot query field "([^"]+)" on type "([^"]+)"/.exec(err.message);
      const details = [
        ...(field ? [`field: ${field[2]}.${field[1]}`] : []),
        ...(base.details ?? []),
      ];
      findings.push({
        ...base,
        code: 'OPERATION_INVALID',
        message: `${owners.length > 0 ? `operation ${owners.join(', ')}` : relative(rootDir, file)}: ${err.message}`,
        ...(details.length > 0 ? { details } : {}),
      });
    }
  }
  return findings;
}

/** The operations an error belongs to: the one enclosing it, or those spreading its fragment. */
function ownersOf(
  document: DocumentNode,
  err: GraphQLError,
  fragmentUsers: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const start = err.nodes?.[0]?.loc?.start;
  if (start === undefined) return [];
  const def = document.definitions.find(
    (d) => d.loc !== undefined && d.loc.start <= start && start < d.loc.end,
  );
  if (def?.kind === Kind.OPERATION_DEFINITION) return def.name ? [def.name.value] : [];
  if (def?.kind !== Kind.FRAGMENT_DEFINITION) return [];
  const fragment = def.name.value;
  return [...fragmentUsers].filter(([, used]) => used.has(fragment)).map(([op]) => op);
}

/** Each operation's schema coordinates, computed against `schema` (usually the base). */
export function usageByOperation(
  documents: readonly OperationDocument[],
  operations: readonly ClientOperation[],
  schema: GraphQLSchema,
): Map<ClientOperation, ReadonlySet<string>> {
  const result = new Map<ClientOperation, ReadonlySet<string>>();
  for (const { file, document } of documents) {
    for (const [name, usage] of operationUsage(document, schema)) {
      const op = operations.find((o) => o.name === name && o.file === file);
      if (op) result.set(op, usage);
    }
  }
  return result;
}
