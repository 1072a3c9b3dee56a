import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildArtifacts } from '../src/build-artifacts.js';
import type { ModuleLoader } from '../src/generate-sdl.js';
import { memoryBase, type BaseRevision } from '../src/git-base.js';
import { loadSchemaProject, type SchemaProject } from '../src/load-config.js';
import { writeArtifacts } from '../src/write-artifacts.js';
import {
  accountsSdl,
  catalogSdl,
  meOperation,
  productListOperation,
  productPageOperation,
} from './fixtures/sdl.js';

/** A throwaway repository root holding `schema/` and the subgraph SDL it reads. */
export interface FixtureRepo {
  readonly rootDir: string;
  readonly schemaDir: string;
  project(): SchemaProject;
  write(path: string, text: string): void;
  read(path: string): string;
  edit(path: string, change: (text: string) => string): void;
  remove(path: string): void;
  /** Runs what `schema:compose` does: regenerate and write the committed files. */
  compose(load?: ModuleLoader): Promise<void>;
  /** The committed state of `schema/` now, to serve as the base of a later check. */
  snapshotBase(): BaseRevision;
  cleanup(): void;
}

export const supergraphYaml = `subgraphs:
  accounts:
    routing_url:
      dev: http://127.0.0.1:4001/graphql
      docker: http://accounts:4001/graphql
    schema:
      file: ../sdl/accounts.graphql
  catalog:
    routing_url:
      dev: http://127.0.0.1:4002/graphql
    schema:
      file: ../sdl/catalog.graphql
`;

/** Files (paths relative to the root) of a repository whose schema composes and checks. */
export function defaultFiles(): Record<string, string> {
  return {
    'schema/supergraph.yaml': supergraphYaml,
    'sdl/accounts.graphql': accountsSdl,
    'sdl/catalog.graphql': catalogSdl,
    'schema/operations/product-list.graphql': productListOperation,
    'schema/operations/product-page.graphql': productPageOperation,
    'schema/operations/me.graphql': meOperation,
    'schema/CHANGELOG.md': '# Schema changelog\n\n## Unreleased\n',
  };
}

export function createFixtureRepo(files: Record<string, string> = defaultFiles()): FixtureRepo {
  const rootDir = mkdtempSync(join(tmpdir(), 'tessera-schema-'));
  const schemaDir = join(rootDir, 'schema');
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(rootDir, path)), { recursive: true });
    writeFileSync(join(rootDir, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  const repo: FixtureRepo = {
    rootDir,
    schemaDir,
    project: () => loadSchemaProject(schemaDir, rootDir),
    write,
    read: (path) => readFileSync(join(rootDir, path), 'utf8'),
    edit: (path, change) => {
      const before = repo.read(path);
      const after = change(before);
      if (after === before) throw new Error(`edit of ${path} changed nothing`);
      write(path, after);
    },
    remove: (path) => rmSync(join(rootDir, path), { force: true }),
    async compose(load) {
      const project = repo.project();
      writeArtifacts(project, await buildArtifacts(project, load ? { load } : {}));
    },
    snapshotBase() {
      const files: Record<string, string> = {};
      const take = (rel: string): void => {
        try {
          files[rel] = readFileSync(join(schemaDir, rel), 'utf8');
        } catch {
          // Absent at the base.
        }
      };
      take('supergraph.graphql');
      take('CHANGELOG.md');
      for (const dir of ['events', 'subgraphs']) {
        let names: string[];
        try {
          names = readdirSync(join(schemaDir, dir));
        } catch {
          names = [];
        }
        for (const name of names) take(`${dir}/${name}`);
      }
      return memoryBase(files, 'base');
    },
    cleanup: () => rmSync(rootDir, { recursive: true, force: true }),
  };
  return repo;
}
