// `npm run schema:compose [-- --env docker --out <file>]`: regenerates schema/subgraphs/*.graphql,
// schema/supergraph.graphql (dev routing URLs) and schema/events/*.json from code. With another
// --env, or with --out, it writes only that environment's supergraph, to --out or stdout.
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildArtifacts } from './build-artifacts.js';
import type { Finding } from './check-result.js';
import { DEFAULT_ENV, loadSchemaProject, SchemaConfigError } from './load-config.js';
import { ROOT_DIR, SCHEMA_DIR } from './project-paths.js';
import { renderFindings } from './report.js';
import { writeArtifacts, writeIfChanged, type WrittenFile } from './write-artifacts.js';

function print(written: readonly WrittenFile[]): void {
  for (const { file, action } of written) {
    const shown = relative(ROOT_DIR, file);
    process.stdout.write(`${action.padEnd(9)} ${shown.startsWith('..') ? file : shown}\n`);
  }
}

async function main(): Promise<number> {
  let values: { env?: string; out?: string };
  try {
    ({ values } = parseArgs({
      options: { env: { type: 'string', default: DEFAULT_ENV }, out: { type: 'string' } },
      strict: true,
    }));
  } catch (cause) {
    process.stderr.write(
      `schema:compose: ${cause instanceof Error ? cause.message : String(cause)}\n`,
    );
    return 2;
  }
  const env = values.env ?? DEFAULT_ENV;
  let project;
  try {
    project = loadSchemaProject(SCHEMA_DIR, ROOT_DIR);
  } catch (cause) {
    if (!(cause instanceof SchemaConfigError)) throw cause;
    process.stderr.write(`${renderFindings(cause.findings, ROOT_DIR).join('\n')}\n`);
    return 1;
  }
  const artifacts = await buildArtifacts(project, { env });

  if (env !== DEFAULT_ENV || values.out !== undefined) {
    // Another environment's supergraph is a build input, never committed.
    if (artifacts.composition?.ok) {
      const text = artifacts.composition.supergraphText;
      if (values.out === undefined) process.stdout.write(text);
      // npm runs workspace scripts in schema/; INIT_CWD is where the user typed the command.
      else
        print([
          writeIfChanged(resolve(process.env['INIT_CWD'] ?? process.cwd(), values.out), text),
        ]);
    }
  } else {
    print(writeArtifacts(project, artifacts));
  }

  const failures: Finding[] = [];
  for (const sdl of artifacts.subgraphs) if (!sdl.ok) failures.push(...sdl.findings);
  if (artifacts.composition && !artifacts.composition.ok)
    failures.push(...artifacts.composition.errors);
  if (artifacts.events && !artifacts.events.ok) failures.push(...artifacts.events.findings);
  if (failures.length > 0) {
    process.stderr.write(
      `schema:compose failed:\n${renderFindings(failures, ROOT_DIR).join('\n')}\n`,
    );
    return 1;
  }
  return 0;
}

process.exitCode = await main();
