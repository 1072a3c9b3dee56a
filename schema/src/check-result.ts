/** How bad a finding is: errors fail their check, warnings and notices are shown only. */
export type Severity = 'error' | 'warning' | 'notice';

/** Where a finding points. `file` is absolute; reports print it relative to the repository root. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** One thing a check found, with enough context for a person to fix it. */
export interface Finding {
  readonly severity: Severity;
  readonly message: string;
  /** A stable code: a composition error code (`INVALID_FIELD_SHARING`), a graphql-inspector change type, or one of ours (`SDL_OUT_OF_DATE`). */
  readonly code?: string;
  readonly location?: SourceLocation;
  /** Further lines: other locations, operations affected, how to fix. */
  readonly details?: readonly string[];
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

/** The outcome of one numbered check of `schema:check`. */
export interface CheckResult {
  readonly id: number;
  readonly title: string;
  readonly status: CheckStatus;
  /** One line: what was checked, or why it was skipped. */
  readonly summary: string;
  readonly findings: readonly Finding[];
}

/** The whole `schema:check` outcome. */
export interface CheckReport {
  readonly ok: boolean;
  /** The base revision checks 4 and 6 compared against, when one was resolved. */
  readonly base?: { readonly rev: string; readonly label: string };
  readonly checks: readonly CheckResult[];
}

/** A check result whose status follows from its findings: any error fails it. */
export function checkResult(
  id: number,
  title: string,
  summary: string,
  findings: readonly Finding[],
): CheckResult {
  const failed = findings.some((f) => f.severity === 'error');
  return { id, title, status: failed ? 'fail' : 'pass', summary, findings };
}

/** A check that could not run because an earlier one failed or an input is missing. */
export function skippedCheck(id: number, title: string, reason: string): CheckResult {
  return { id, title, status: 'skip', summary: reason, findings: [] };
}

export function error(message: string, extra: Omit<Finding, 'severity' | 'message'> = {}): Finding {
  return { severity: 'error', message, ...extra };
}
