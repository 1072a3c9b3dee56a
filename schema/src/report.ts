import { relative } from 'node:path';
import type { CheckReport, Finding } from './check-result.js';

/** A finding as the JSON report carries it: the file relative to the repository root. */
interface JsonFinding {
  readonly severity: Finding['severity'];
  readonly code?: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly details?: readonly string[];
}

function where(
  finding: Finding,
  rootDir: string,
): { file?: string; line?: number; column?: number } {
  const loc = finding.location;
  if (!loc) return {};
  return {
    file: relative(rootDir, loc.file),
    ...(loc.line === undefined ? {} : { line: loc.line }),
    ...(loc.column === undefined ? {} : { column: loc.column }),
  };
}

const marks = { error: 'x', warning: '!', notice: '-' } as const;
const statusWord = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

/** Findings as indented lines: `  x file:line: message [CODE]`, then their details. */
export function renderFindings(findings: readonly Finding[], rootDir: string): string[] {
  const out: string[] = [];
  for (const finding of findings) {
    const w = where(finding, rootDir);
    const at = w.file ? `${w.file}${w.line === undefined ? '' : `:${w.line}`}: ` : '';
    const code = finding.code ? ` [${finding.code}]` : '';
    out.push(`  ${marks[finding.severity]} ${at}${finding.message}${code}`);
    for (const detail of finding.details ?? []) out.push(`      ${detail}`);
  }
  return out;
}

/** The human-readable report: one line per check, then its findings with file:line. */
export function renderText(report: CheckReport, rootDir: string): string {
  const out: string[] = [];
  out.push(
    report.base
      ? `schema:check against ${report.base.rev} (${report.base.label})`
      : 'schema:check (no base revision)',
    '',
  );
  for (const check of report.checks) {
    out.push(`${statusWord[check.status]} ${check.id}. ${check.title}: ${check.summary}`);
    out.push(...renderFindings(check.findings, rootDir));
  }
  const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
  out.push(
    '',
    report.ok
      ? 'schema:check passed'
      : `schema:check failed: check${failed.length === 1 ? '' : 's'} ${failed.join(', ')}`,
  );
  return `${out.join('\n')}\n`;
}

/** The machine-readable report: one JSON object with `ok`, `base` and a `checks` array. */
export function renderJson(report: CheckReport, rootDir: string): string {
  const json = {
    ok: report.ok,
    ...(report.base ? { base: report.base } : {}),
    checks: report.checks.map((check) => ({
      id: check.id,
      title: check.title,
      status: check.status,
      summary: check.summary,
      findings: check.findings.map((f): JsonFinding => ({
        severity: f.severity,
        ...(f.code ? { code: f.code } : {}),
        message: f.message,
        ...where(f, rootDir),
        ...(f.details ? { details: f.details } : {}),
      })),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** GitHub Actions workflow commands, one per finding, so failures show on the diff. */
export function renderAnnotations(report: CheckReport, rootDir: string): string {
  const lines: string[] = [];
  for (const check of report.checks) {
    for (const finding of check.findings) {
      const w = where(finding, rootDir);
      const props = [
        ...(w.file ? [`file=${escapeProperty(w.file)}`] : []),
        ...(w.line === undefined ? [] : [`line=${w.line}`]),
        ...(w.column === undefined ? [] : [`col=${w.column}`]),
        `title=${escapeProperty(`schema:check ${check.id}${finding.code ? ` ${finding.code}` : ''}`)}`,
      ];
      const message = [finding.message, ...(finding.details ?? [])].join('\n');
      lines.push(`::${finding.severity} ${props.join(',')}::${escapeData(message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Whether annotations are wanted: on GitHub Actions or any CI that sets `CI`. */
export function wantsAnnotations(env: Readonly<Record<string, string | undefined>>): boolean {
  const set = (v: string | undefined): boolean =>
    v !== undefined && v !== '' && v !== 'false' && v !== '0';
  return set(env['CI']) || set(env['GITHUB_ACTIONS']);
}
