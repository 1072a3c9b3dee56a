import { execFileSync } from 'node:child_process';
import { posix, relative, sep } from 'node:path';

/** The state of `schema/` that checks 4 and 6 compare against. */
export interface BaseRevision {
  /** The commit (abbreviated) or a fixture label. */
  readonly rev: string;
  /** How it was chosen, for the report: `merge-base HEAD main`, `SCHEMA_BASE=v1.2.0`. */
  readonly label: string;
  /** A file of `schema/` at the base, by path relative to `schema/`; undefined when absent. */
  read(path: string): string | undefined;
  /** The file names in a directory of `schema/` at the base (empty when absent). */
  list(dir: string): string[];
}

export type BaseResolution =
  | { readonly ok: true; readonly base: BaseRevision }
  | { readonly ok: false; readonly message: string };

/** The branch whose merge-base is the default base. */
const MAIN_CANDIDATES = ['main', 'origin/main'];

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Resolves the base: `SCHEMA_BASE` (any revision git understands) when set, otherwise the
 * merge-base of HEAD with `main` (or `origin/main` in a clone without a local main).
 */
export function resolveGitBase(
  schemaDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): BaseResolution {
  let top: string;
  try {
    top = git(schemaDir, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return { ok: false, message: `${schemaDir} is not in a git repository; set SCHEMA_BASE` };
  }
  const prefix = relative(top, schemaDir).split(sep).join(posix.sep);
  const requested = env['SCHEMA_BASE']?.trim();
  let sha: string | undefined;
  let label: string;
  if (requested) {
    label = `SCHEMA_BASE=${requested}`;
    try {
      sha = git(top, ['rev-parse', '--verify', '--quiet', `${requested}^{commit}`]).trim();
    } catch {
      return { ok: false, message: `SCHEMA_BASE=${requested} is not a commit of this repository` };
    }
  } else {
    label = 'merge-base HEAD main';
    for (const branch of MAIN_CANDIDATES) {
      try {
        sha = git(top, ['merge-base', 'HEAD', branch]).trim();
        label = `merge-base HEAD ${branch}`;
        break;
      } catch {
        // Try the next candidate.
      }
    }
    if (!sha) {
      return {
        ok: false,
        message:
          'cannot find the merge-base of HEAD with main or origin/main; fetch main, or set SCHEMA_BASE to the revision to compare with',
      };
    }
  }
  const base = sha;
  const at = (path: string): string => (prefix === '' ? path : `${prefix}/${path}`);
  return {
    ok: true,
    base: {
      rev: base.slice(0, 12),
      label,
      read(path) {
        try {
          return git(top, ['show', `${base}:${at(path)}`]);
        } catch {
          return undefined;
        }
      },
      list(dir) {
        try {
          return git(top, ['ls-tree', '--name-only', base, `${at(dir)}/`])
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => posix.basename(line))
            .sort();
        } catch {
          return [];
        }
      },
    },
  };
}

/** A base held in memory, keyed by path relative to `schema/` (for tests and tools). */
export function memoryBase(
  files: Readonly<Record<string, string>>,
  label = 'fixture',
): BaseRevision {
  return {
    rev: label,
    label,
    read: (path) => files[path],
    list: (dir) =>
      Object.keys(files)
        .filter((p) => posix.dirname(p) === dir)
        .map((p) => posix.basename(p))
        .sort(),
  };
}
