import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildArtifacts, subgraphSdlFile, type Artifacts } from './build-artifacts.js';
import { newAcknowledgements, parseChangelog, type Acknowledgement } from './changelog.js';
import {
  checkEventCompatibility,
  checkEventSnapshotsUpToDate,
  firstDifferentLine,
} from './check-events.js';
import { loadOperationDocuments, listOperations, validateOperations } from './check-operations.js';
import {
  checkResult,
  skippedCheck,
  type CheckReport,
  type CheckResult,
  type Finding,
} from './check-result.js';
import { breakingChangeFindings, type BreakingCheckInput } from './check-breaking.js';
import { apiSchemaOf } from './diff-schema.js';
import type { ModuleLoader } from './generate-sdl.js';
import type { BaseResolution } from './git-base.js';
import type { SchemaProject } from './load-config.js';
import { subgraphBreakingFindings } from './subgraph-breaking.js';

export interface RunChecksOptions {
  readonly project: SchemaProject;
  /** The base to compare with, or why there is none. */
  readonly base: BaseResolution;
  /** @defaultValue dynamic `import()` */
  readonly load?: ModuleLoader;
}

const TITLES = {
  1: 'committed subgraph SDL matches the code',
  2: 'the subgraphs compose',
  3: 'committed supergraph matches a fresh composition',
  4: 'no unacknowledged breaking change against the base',
  5: 'client operations validate against the new API schema',
  6: 'event contracts: snapshots up to date, no breaking change against the base',
} as const;

/** Runs checks 1–6, each independently where its inputs allow, and reports every failure. */
export async function runChecks(options: RunChecksOptions): Promise<CheckReport> {
  const { project, base } = options;
  const artifacts = await buildArtifacts(project, options.load ? { load: options.load } : {});
  const checks: CheckResult[] = [checkSubgraphSdl(project, artifacts)];

  const composition = artifacts.composition;
  let apiSchema: GraphQLSchema | undefined;
  if (!composition) {
    checks.push(skippedCheck(2, TITLES[2], 'a subgraph SDL could not be generated (check 1)'));
  } else if (!composition.ok) {
    checks.push(
      checkResult(
        2,
        TITLES[2],
        `${composition.errors.length} composition error(s)`,
        composition.errors,
      ),
    );
  } else {
    checks.push(
      checkResult(
        2,
        TITLES[2],
        `${project.subgraphs.length} subgraph(s), ${composition.hints.length} hint(s)`,
        composition.hints,
      ),
    );
    apiSchema = apiSchemaOf(composition.supergraphText);
  }

  if (composition?.ok) {
    const committed = readOrUndefined(project.supergraphFile);
    const same = committed === composition.supergraphText;
    checks.push(
      checkResult(
        3,
        TITLES[3],
        same ? 'up to date' : 'out of date',
        same
          ? []
          : [
              {
                severity: 'error',
                code: committed === undefined ? 'SUPERGRAPH_MISSING' : 'SUPERGRAPH_OUT_OF_DATE',
                message: `${committed === undefined ? 'missing' : 'out-of-date'} supergraph; run \`npm run schema:compose\` and commit the result`,
                location: {
                  file: project.supergraphFile,
                  ...(committed === undefined
                    ? {}
                    : { line: firstDifferentLine(committed, composition.supergraphText) }),
                },
              },
            ],
      ),
    );
  } else {
    checks.push(skippedCheck(3, TITLES[3], 'no fresh composition to compare with (check 1 or 2)'));
  }

  const changelog = parseChangelog(readOrUndefined(project.changelogFile) ?? '');
  const changelogProblems: Finding[] = changelog.problems.map((p) => ({
    severity: 'error',
    code: 'CHANGELOG_ACK_MALFORMED',
    message: p.message,
    location: { file: project.changelogFile, line: p.line },
  }));
  const acks: ReadonlyMap<string, Acknowledgement> = base.ok
    ? newAcknowledgements(
        changelog.acknowledgements,
        parseChangelog(base.base.read('CHANGELOG.md') ?? '').acknowledgements,
      )
    : new Map();

  const ops = loadOperationDocuments(project.operationsDir, project.rootDir);
  const listed = listOperations(ops.documents);

  const operations = { documents: ops.documents, list: listed.operations };
  checks.push(
    await checkBreaking({
      project,
      base,
      artifacts,
      apiSchema,
      acks,
      operations,
      changelogProblems,
    }),
  );

  if (!apiSchema) {
    checks.push(
      skippedCheck(5, TITLES[5], 'no fresh composition to validate against (check 1 or 2)'),
    );
  } else {
    const findings = [
      ...ops.findings,
      ...listed.findings,
      ...validateOperations(ops.documents, apiSchema, project.rootDir),
    ];
    checks.push(
      checkResult(
        5,
        TITLES[5],
        `${listed.operations.length} operation(s) in ${ops.documents.length} file(s)`,
        findings,
      ),
    );
  }

  checks.push(checkEvents(project, artifacts, base, acks));
  return {
    ok: checks.every((c) => c.status !== 'fail'),
    ...(base.ok ? { base: { rev: base.base.rev, label: base.base.label } } : {}),
    checks,
  };
}

interface BreakingInputs {
  readonly project: SchemaProject;
  readonly base: BaseResolution;
  readonly artifacts: Artifacts;
  /** Absent when there is no fresh composition (check 1 or 2 failed). */
  readonly apiSchema: GraphQLSchema | undefined;
  readonly acks: ReadonlyMap<string, Acknowledgement>;
  readonly operations: BreakingCheckInput['operations'];
  readonly changelogProblems: readonly Finding[];
}

/**
 * Check 4 against the fresh composition's API schema or, when there is none, the subgraph-level
 * analysis of each subgraph's SDL against its SDL at the base.
 */
async function checkBreaking(inputs: BreakingInputs): Promise<CheckResult> {
  const { project, base, artifacts, apiSchema, changelogProblems } = inputs;
  if (!base.ok) {
    return checkResult(4, TITLES[4], 'no base', [
      { severity: 'error', code: 'SCHEMA_BASE_UNRESOLVED', message: base.message },
    ]);
  }
  const baseSupergraph = base.base.read('supergraph.graphql');
  if (baseSupergraph === undefined) {
    return checkResult(
      4,
      TITLES[4],
      `the base (${base.base.label}, ${base.base.rev}) has no supergraph yet: nothing to compare`,
      changelogProblems,
    );
  }
  const composition = artifacts.composition;
  if (apiSchema && composition?.ok) {
    const result = await breakingChangeFindings({
      baseSupergraph,
      next: apiSchema,
      nextSupergraphText: composition.supergraphText,
      project,
      acknowledgements: inputs.acks,
      operations: inputs.operations,
    });
    return checkResult(4, TITLES[4], result.summary, [...result.findings, ...changelogProblems]);
  }
  const result = subgraphBreakingFindings({
    project,
    artifacts,
    base: base.base,
    baseSupergraph,
    cause: composition ? 'check 2' : 'check 1',
    acknowledgements: inputs.acks,
    operations: inputs.operations,
  });
  if (!result.compared) return skippedCheck(4, TITLES[4], result.reason);
  return checkResult(4, TITLES[4], result.summary, [...result.findings, ...changelogProblems]);
}

function checkSubgraphSdl(project: SchemaProject, artifacts: Artifacts): CheckResult {
  const findings: Finding[] = [];
  for (const generated of artifacts.subgraphs) {
    if (!generated.ok) {
      findings.push(...generated.findings);
      continue;
    }
    const file = subgraphSdlFile(project, generated.name);
    const committed = readOrUndefined(file);
    if (committed === generated.text) continue;
    findings.push({
      severity: 'error',
      code: committed === undefined ? 'SDL_MISSING' : 'SDL_OUT_OF_DATE',
      message: `${committed === undefined ? 'missing' : 'out-of-date'} SDL of subgraph ${generated.name}: it does not match the code; run \`npm run schema:compose\` and commit the result`,
      location: {
        file,
        ...(committed === undefined ? {} : { line: firstDifferentLine(committed, generated.text) }),
      },
    });
  }
  const known = new Set(project.subgraphs.map((s) => `${s.name}.graphql`));
  for (const name of listFiles(project.subgraphsDir, '.graphql')) {
    if (known.has(name)) continue;
    findings.push({
      severity: 'error',
      code: 'SDL_STALE',
      message: `${name} is not a subgraph of supergraph.yaml; run \`npm run schema:compose\` to delete it`,
      location: { file: join(project.subgraphsDir, name) },
    });
  }
  return checkResult(1, TITLES[1], `${artifacts.subgraphs.length} subgraph(s)`, findings);
}

function checkEvents(
  project: SchemaProject,
  artifacts: Artifacts,
  base: BaseResolution,
  acknowledgements: ReadonlyMap<string, Acknowledgement>,
): CheckResult {
  if (!artifacts.events)
    return skippedCheck(6, TITLES[6], 'supergraph.yaml configures no event registry');
  if (!artifacts.events.ok)
    return checkResult(6, TITLES[6], 'the registry could not be loaded', artifacts.events.findings);
  const { snapshots } = artifacts.events;
  const findings = checkEventSnapshotsUpToDate(snapshots, project.eventsDir);
  if (base.ok) {
    findings.push(
      ...checkEventCompatibility({
        fresh: snapshots,
        base: base.base,
        acknowledgements,
        eventsDir: project.eventsDir,
        changelogFile: project.changelogFile,
      }),
    );
  } else {
    findings.push({ severity: 'error', code: 'SCHEMA_BASE_UNRESOLVED', message: base.message });
  }
  return checkResult(6, TITLES[6], `${snapshots.length} event contract(s)`, findings);
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function listFiles(dir: string, suffix: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith(suffix))
      .sort();
  } catch {
    return [];
  }
}
