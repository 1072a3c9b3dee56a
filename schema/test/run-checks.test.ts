import { afterEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/check-result.js';
import { memoryBase } from '../src/git-base.js';
import { runChecks } from '../src/run-checks.js';
import { createFixtureRepo, type FixtureRepo } from './fixture-project.js';

let repo: FixtureRepo;
afterEach(() => repo.cleanup());

/** A repository composed and committed, whose current state is also the base. */
async function committedRepo(): Promise<{
  repo: FixtureRepo;
  base: ReturnType<FixtureRepo['snapshotBase']>;
}> {
  repo = createFixtureRepo();
  await repo.compose();
  return { repo, base: repo.snapshotBase() };
}

async function check(base = repo.snapshotBase()): Promise<CheckReport> {
  return runChecks({ project: repo.project(), base: { ok: true, base } });
}

const statuses = (report: CheckReport) => report.checks.map((c) => `${c.id}:${c.status}`);
const findingsOf = (report: CheckReport, id: number) =>
  report.checks.find((c) => c.id === id)?.findings ?? [];
const removeProductName = (sdl: string) => sdl.replace('  name: String!\n', '');

describe('schema:check on a repository', () => {
  it('passes when the committed files match the code and nothing changed against the base', async () => {
    await committedRepo();
    const report = await check();
    expect(statuses(report)).toEqual(['1:pass', '2:pass', '3:pass', '4:pass', '5:pass', '6:skip']);
    expect(report.ok).toBe(true);
  });

  it('passes check 4 and says so when the base has no supergraph yet', async () => {
    await committedRepo();
    const report = await check(memoryBase({}, 'empty'));
    expect(report.checks[3]).toMatchObject({
      status: 'pass',
      summary: expect.stringContaining('has no supergraph yet'),
    });
  });

  it('fails every affected check when Product.name is deleted, naming the field and the operations using it', async () => {
    const { base } = await committedRepo();
    repo.edit('sdl/catalog.graphql', removeProductName);
    const report = await check(base);
    expect(report.ok).toBe(false);
    expect(statuses(report)).toEqual(['1:fail', '2:pass', '3:fail', '4:fail', '5:fail', '6:skip']);
    expect(findingsOf(report, 1)).toMatchObject([
      {
        code: 'SDL_OUT_OF_DATE',
        location: { file: `${repo.schemaDir}/subgraphs/catalog.graphql` },
      },
    ]);
    expect(findingsOf(report, 4)).toMatchObject([
      {
        severity: 'error',
        code: 'FIELD_REMOVED',
        message: expect.stringContaining('Product.name'),
        details: [
          expect.stringMatching(
            /^used by operation\(s\): ProductList \(schema\/operations\/product-list\.graphql:1\)$/,
          ),
          expect.any(String),
        ],
      },
    ]);
    expect(findingsOf(report, 5)).toMatchObject([
      {
        code: 'OPERATION_INVALID',
        message: 'operation ProductList: Cannot query field "name" on type "Product".',
        location: { file: `${repo.schemaDir}/operations/product-list.graphql`, line: 7 },
        details: ['field: Product.name'],
      },
    ]);
  });

  it('passes a removal acknowledged in the changelog by this change', async () => {
    const { base } = await committedRepo();
    repo.edit('sdl/catalog.graphql', removeProductName);
    repo.edit('schema/operations/product-list.graphql', (op) => op.replace('        name\n', ''));
    repo.edit(
      'schema/CHANGELOG.md',
      (log) => `${log}- BREAKING ACK: Product.name — replaced by title; storefront updated\n`,
    );
    await repo.compose();
    const report = await check(base);
    expect(report.ok).toBe(true);
    expect(findingsOf(report, 4)).toMatchObject([
      {
        severity: 'notice',
        code: 'FIELD_REMOVED',
        message: expect.stringContaining('allowed: acknowledged at schema/CHANGELOG.md:4'),
      },
    ]);
  });

  it('fails a removal whose acknowledgement was already in the base', async () => {
    repo = createFixtureRepo();
    repo.edit(
      'schema/CHANGELOG.md',
      (log) => `${log}- BREAKING ACK: Product.name — an earlier removal\n`,
    );
    await repo.compose();
    const base = repo.snapshotBase();
    repo.edit('sdl/catalog.graphql', removeProductName);
    repo.edit('schema/operations/product-list.graphql', (op) => op.replace('        name\n', ''));
    await repo.compose();
    const report = await check(base);
    expect(findingsOf(report, 4)).toMatchObject([{ severity: 'error', code: 'FIELD_REMOVED' }]);
  });

  it('passes the removal of a field that was deprecated in the base', async () => {
    const { base } = await committedRepo();
    repo.edit('sdl/catalog.graphql', (sdl) =>
      sdl.replace('  legacySku: String @deprecated(reason: "Use id.")\n', ''),
    );
    await repo.compose();
    const report = await check(base);
    expect(report.ok).toBe(true);
    expect(findingsOf(report, 4)).toMatchObject([
      { severity: 'notice', message: expect.stringContaining('deprecated in the base') },
    ]);
  });

  it('passes an added field', async () => {
    const { base } = await committedRepo();
    repo.edit('sdl/catalog.graphql', (sdl) =>
      sdl.replace('  name: String!\n', '  name: String!\n  weight: Int\n'),
    );
    await repo.compose();
    const report = await check(base);
    expect(report.ok).toBe(true);
    expect(report.checks[3]?.summary).toBe(
      '1 change(s): 0 breaking (0 allowed), 0 dangerous, 1 safe',
    );
  });

  it('names the operations that reach a removed field through a fragment', async () => {
    const { base } = await committedRepo();
    repo.edit('sdl/catalog.graphql', (sdl) => sdl.replace('  description: String\n', ''));
    await repo.compose();
    const report = await check(base);
    expect(findingsOf(report, 4)[0]?.details?.[0]).toBe(
      'used by operation(s): ProductPage (schema/operations/product-page.graphql:1)',
    );
    expect(findingsOf(report, 5)).toMatchObject([
      {
        message: 'operation ProductPage: Cannot query field "description" on type "Product".',
        location: { line: 9 },
      },
    ]);
  });

  it('names the operations calling a field that gained a required argument', async () => {
    const { base } = await committedRepo();
    repo.edit('sdl/catalog.graphql', (sdl) =>
      sdl.replace('after: String)', 'after: String, region: String!)'),
    );
    await repo.compose();
    const report = await check(base);
    expect(findingsOf(report, 4)).toMatchObject([
      {
        code: 'FIELD_ARGUMENT_ADDED',
        message: expect.stringContaining('Query.products.region'),
        details: [
          'used by operation(s): ProductList (schema/operations/product-list.graphql:1)',
          expect.any(String),
        ],
      },
    ]);
  });

  it('reports a composition error with its code, skips checks 3 and 5, and runs check 4 per subgraph', async () => {
    await committedRepo();
    repo.edit(
      'sdl/catalog.graphql',
      (sdl) => `${sdl}\ntype User @key(fields: "id") {\n  id: ID!\n  email: String!\n}\n`,
    );
    await repo.compose();
    const report = await check();
    expect(statuses(report)).toEqual(['1:pass', '2:fail', '3:skip', '4:pass', '5:skip', '6:skip']);
    expect(findingsOf(report, 2)).toMatchObject([{ code: 'INVALID_FIELD_SHARING' }]);
    expect(report.checks[3]?.summary).toContain('composition failed (check 2)');
  });

  it('reports a subgraph SDL syntax error with the file and line', async () => {
    await committedRepo();
    repo.edit('sdl/catalog.graphql', (sdl) =>
      sdl.replace('  name: String!\n', '  name: String!!\n'),
    );
    const report = await check();
    expect(findingsOf(report, 1)).toMatchObject([
      {
        message: expect.stringContaining('Syntax Error'),
        location: { file: `${repo.rootDir}/sdl/catalog.graphql`, line: 5 },
      },
    ]);
  });

  it('reports an anonymous operation and a committed supergraph edited by hand', async () => {
    await committedRepo();
    repo.write('schema/operations/anonymous.graphql', '{ me { id } }\n');
    repo.edit('schema/supergraph.graphql', (sdl) => sdl.replace('Do not edit.', 'Edited.'));
    const report = await check();
    expect(findingsOf(report, 3)).toMatchObject([
      { code: 'SUPERGRAPH_OUT_OF_DATE', location: { line: 1 } },
    ]);
    expect(findingsOf(report, 5)).toMatchObject([
      { code: 'OPERATION_ANONYMOUS', location: { line: 1 } },
    ]);
  });

  it('fails check 4 when no base can be resolved', async () => {
    await committedRepo();
    const report = await runChecks({
      project: repo.project(),
      base: { ok: false, message: 'no base here' },
    });
    expect(findingsOf(report, 4)).toMatchObject([
      { code: 'SCHEMA_BASE_UNRESOLVED', message: 'no base here' },
    ]);
  });
});
