// `npm run schema:check [-- --format json] [-- --base <rev>]`: checks 1–6 of schema governance.
// Exit code 0 when every check passes, 1 when any fails, 2 on bad arguments.
import { parseArgs } from 'node:util';
import type { CheckReport } from './check-result.js';
import { resolveGitBase } from './git-base.js';
import { loadSchemaProject, SchemaConfigError } from './load-config.js';
import { ROOT_DIR, SCHEMA_DIR } from './project-paths.js';
import { renderAnnotations, renderJson, renderText, wantsAnnotations } from './report.js';
import { runChecks } from './run-checks.js';

async function main(): Promise<number> {
  let values: { format?: string; base?: string };
  try {
    ({ values } = parseArgs({
      options: { format: { type: 'string', default: 'text' }, base: { type: 'string' } },
      strict: true,
    }));
  } catch (cause) {
    process.stderr.write(
      `schema:check: ${cause instanceof Error ? cause.message : String(cause)}\n`,
    );
    return 2;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    process.stderr.write('schema:check: --format is text or json\n');
    return 2;
  }
  const env = values.base ? { ...process.env, SCHEMA_BASE: values.base } : process.env;

  let report: CheckReport;
  try {
    const project = loadSchemaProject(SCHEMA_DIR, ROOT_DIR);
    report = await runChecks({ project, base: resolveGitBase(SCHEMA_DIR, env) });
  } catch (cause) {
    if (!(cause instanceof SchemaConfigError)) throw cause;
    report = {
      ok: false,
      checks: [
        {
          id: 0,
          title: 'schema/supergraph.yaml is valid',
          status: 'fail',
          summary: `${cause.findings.length} problem(s)`,
          findings: cause.findings,
        },
      ],
    };
  }
  process.stdout.write(
    values.format === 'json' ? renderJson(report, ROOT_DIR) : renderText(report, ROOT_DIR),
  );
  // Annotations go to stderr in JSON mode so stdout stays one parseable object.
  if (wantsAnnotations(process.env)) {
    (values.format === 'json' ? process.stderr : process.stdout).write(
      renderAnnotations(report, ROOT_DIR),
    );
  }
  return report.ok ? 0 : 1;
}

process.exitCode = await main();
