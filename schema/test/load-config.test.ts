import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSchemaProject, SchemaConfigError } from '../src/load-config.js';

let rootDir: string;
let schemaDir: string;
beforeEach(() => {
  rootDir = mkdtempSync(join(tmpdir(), 'tessera-config-'));
  schemaDir = join(rootDir, 'schema');
  mkdirSync(schemaDir);
});
afterEach(() => rmSync(rootDir, { recursive: true, force: true }));

function load(yaml: string) {
  writeFileSync(join(schemaDir, 'supergraph.yaml'), yaml);
  return loadSchemaProject(schemaDir, rootDir);
}

describe('reading supergraph.yaml', () => {
  it('reads module and file subgraphs in name order, resolving paths against schema/', () => {
    const project = load(`subgraphs:
  reviews:
    routing_url: { dev: 'http://127.0.0.1:4006/graphql' }
    schema: { file: third-party/reviews.graphql }
  accounts:
    routing_url: { dev: 'http://127.0.0.1:4001/graphql', docker: 'http://accounts:4001/graphql' }
    schema: { module: '@tessera/accounts/schema', source: ../subgraphs/accounts/schema.graphql }
events: { module: '@tessera/events/contracts' }
`);
    expect(project.subgraphs).toEqual([
      {
        name: 'accounts',
        routingUrls: {
          dev: 'http://127.0.0.1:4001/graphql',
          docker: 'http://accounts:4001/graphql',
        },
        schema: {
          kind: 'module',
          specifier: '@tessera/accounts/schema',
          source: join(rootDir, 'subgraphs/accounts/schema.graphql'),
        },
      },
      {
        name: 'reviews',
        routingUrls: { dev: 'http://127.0.0.1:4006/graphql' },
        schema: { kind: 'file', path: join(schemaDir, 'third-party/reviews.graphql') },
      },
    ]);
    expect(project.events).toEqual({
      specifier: '@tessera/events/contracts',
      exportName: 'eventContracts',
    });
  });

  it('reports every problem at once, each with its line', () => {
    const yaml = `subgraphs:
  accounts:
    routing_url: { docker: 'http://accounts:4001/graphql' }
    schema: { module: '@tessera/accounts/schema' }
  Catalog:
    routing_url: { dev: 'not a url' }
    schema: { file: catalog.graphql }
`;
    let caught: unknown;
    try {
      load(yaml);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SchemaConfigError);
    const error = caught as SchemaConfigError;
    expect(error.code).toBe('SCHEMA_CONFIG_INVALID');
    expect(error.findings.map((f) => [f.message, f.location?.line])).toEqual([
      ['supergraph.yaml: subgraphs.accounts.routing_url: needs a "dev" URL', 3],
      [expect.stringContaining('subgraphs.Catalog.routing_url.dev'), 6],
      [
        'supergraph.yaml: subgraphs.Catalog: subgraph names are lowercase: a-z, 0-9, _ and - (they name files)',
        5,
      ],
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => load('subgraphs:\n  accounts: [\n')).toThrow(SchemaConfigError);
  });
});
