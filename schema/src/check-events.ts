import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Acknowledgement } from './changelog.js';
import type { Finding } from './check-result.js';
import { diffJsonSchemas, type EventChange } from './event-schema-diff.js';
import { renderEventSnapshot, type EventSnapshot } from './event-snapshot.js';
import type { BaseRevision } from './git-base.js';

/** The changelog coordinate of an event, or of a field in its payload. */
export function eventCoordinate(event: string, path = ''): string {
  return path === '' ? `event:${event}` : `event:${event}/${path}`;
}

/** Findings when `schema/events/` does not match the registry: run `schema:compose`. */
export function checkEventSnapshotsUpToDate(
  fresh: readonly EventSnapshot[],
  eventsDir: string,
): Finding[] {
  const findings: Finding[] = [];
  const names = new Set(fresh.map((s) => `${s.event}.json`));
  for (const snapshot of fresh) {
    const file = join(eventsDir, `${snapshot.event}.json`);
    const committed = readOrUndefined(file);
    if (committed !== renderEventSnapshot(snapshot)) {
      findings.push({
        severity: 'error',
        code: 'EVENT_SNAPSHOT_OUT_OF_DATE',
        message: `${committed === undefined ? 'missing' : 'out-of-date'} snapshot of event ${snapshot.event}; run \`npm run schema:compose\``,
        location: {
          file,
          ...(committed === undefined
            ? {}
            : { line: firstDifferentLine(committed, renderEventSnapshot(snapshot)) }),
        },
      });
    }
  }
  for (const name of listJson(eventsDir)) {
    if (!names.has(name)) {
      findings.push({
        severity: 'error',
        code: 'EVENT_SNAPSHOT_STALE',
        message: `snapshot ${name} has no contract in the registry; run \`npm run schema:compose\` to delete it`,
        location: { file: join(eventsDir, name) },
      });
    }
  }
  return findings;
}

/**
 * Compares each event contract with its snapshot at the base. A breaking change passes only
 * when this change acknowledges it in the changelog (`event:<name>` covers the whole event,
 * `event:<name>/<path>` one field) and bumps the contract's `version`. An event removed from the
 * registry is breaking too.
 */
export function checkEventCompatibility(opts: {
  readonly fresh: readonly EventSnapshot[];
  readonly base: BaseRevision;
  readonly acknowledgements: ReadonlyMap<string, Acknowledgement>;
  readonly eventsDir: string;
  readonly changelogFile: string;
}): Finding[] {
  const { fresh, base, acknowledgements, eventsDir } = opts;
  const findings: Finding[] = [];
  for (const name of base.list('events').filter((n) => n.endsWith('.json'))) {
    const event = name.slice(0, -'.json'.length);
    const file = join(eventsDir, name);
    let before: EventSnapshot;
    try {
      before = JSON.parse(base.read(`events/${name}`) ?? '') as EventSnapshot;
    } catch {
      findings.push({
        severity: 'error',
        code: 'EVENT_BASE_UNREADABLE',
        message: `the base snapshot of event ${event} is not JSON`,
        location: { file },
      });
      continue;
    }
    const after = fresh.find((s) => s.event === event);
    const changes: EventChange[] = after
      ? diffJsonSchemas(before.schema, after.schema)
      : [{ path: '', level: 'BREAKING', message: `event ${event} was removed from the registry` }];
    for (const change of changes) {
      if (change.level === 'NON_BREAKING') continue;
      if (change.level === 'DANGEROUS') {
        findings.push({
          severity: 'warning',
          code: 'EVENT_CHANGE_DANGEROUS',
          message: `event ${event}: ${change.message}`,
          location: { file },
        });
        continue;
      }
      const coordinate = eventCoordinate(event, change.path);
      const ack = acknowledgements.get(coordinate) ?? acknowledgements.get(eventCoordinate(event));
      const bumped = after === undefined || after.version > before.version;
      if (ack && bumped) {
        findings.push({
          severity: 'notice',
          code: 'EVENT_CHANGE_BREAKING_ACKNOWLEDGED',
          message: `event ${event}: ${change.message} (acknowledged: ${ack.reason})`,
          location: { file: opts.changelogFile, line: ack.line },
        });
        continue;
      }
      const fixes = [
        ...(ack
          ? []
          : [`if intended, add to schema/CHANGELOG.md: - BREAKING ACK: ${coordinate} — <reason>`]),
        ...(bumped
          ? []
          : [
              `bump the contract's version (still ${before.version}) so consumers can tell payloads apart`,
            ]),
      ];
      findings.push({
        severity: 'error',
        code: 'EVENT_CHANGE_BREAKING',
        message: `event ${event}: ${change.message}`,
        location: { file },
        details: [`coordinate: ${coordinate}`, ...fixes],
      });
    }
  }
  return findings;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function listJson(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}

/** The first line where two texts differ, 1-based. */
export function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const n = Math.max(left.length, right.length);
  for (let i = 0; i < n; i++) if (left[i] !== right[i]) return i + 1;
  return 1;
}
