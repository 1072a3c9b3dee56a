import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { subgraphSdlFile, type Artifacts } from './build-artifacts.js';
import { renderEventSnapshot } from './event-snapshot.js';
import type { SchemaProject } from './load-config.js';

/** What happened to one generated file. */
export interface WrittenFile {
  readonly file: string;
  readonly action: 'wrote' | 'unchanged' | 'deleted';
}

/**
 * Writes the generated files `schema:compose` owns: each subgraph's SDL, the supergraph (when it
 * composed) and the event snapshots, touching only files whose bytes change; deletes those no
 * longer generated (a removed subgraph or event).
 */
export function writeArtifacts(project: SchemaProject, artifacts: Artifacts): WrittenFile[] {
  const written: WrittenFile[] = [];
  mkdirSync(project.subgraphsDir, { recursive: true });
  for (const sdl of artifacts.subgraphs) {
    if (sdl.ok) written.push(writeIfChanged(subgraphSdlFile(project, sdl.name), sdl.text));
  }
  const subgraphFiles = new Set(project.subgraphs.map((s) => `${s.name}.graphql`));
  written.push(...prune(project.subgraphsDir, '.graphql', subgraphFiles));
  if (artifacts.composition?.ok) {
    written.push(writeIfChanged(project.supergraphFile, artifacts.composition.supergraphText));
  }
  if (artifacts.events?.ok) {
    const { snapshots } = artifacts.events;
    if (snapshots.length > 0) mkdirSync(project.eventsDir, { recursive: true });
    for (const snapshot of snapshots) {
      const file = join(project.eventsDir, `${snapshot.event}.json`);
      written.push(writeIfChanged(file, renderEventSnapshot(snapshot)));
    }
    written.push(
      ...prune(project.eventsDir, '.json', new Set(snapshots.map((s) => `${s.event}.json`))),
    );
  }
  return written;
}

export function writeIfChanged(file: string, text: string): WrittenFile {
  let before: string | undefined;
  try {
    before = readFileSync(file, 'utf8');
  } catch {
    before = undefined;
  }
  if (before === text) return { file, action: 'unchanged' };
  writeFileSync(file, text);
  return { file, action: 'wrote' };
}

function prune(dir: string, suffix: string, keep: ReadonlySet<string>): WrittenFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(suffix) && !keep.has(n))
    .sort()
    .map((name) => {
      rmSync(join(dir, name));
      return { file: join(dir, name), action: 'deleted' as const };
    });
}
