import { afterEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/check-result.js';
import type { ModuleLoader } from '../src/generate-sdl.js';
import { parse } from '../src/graphql-runtime.js';
import { runChecks } from '../src/run-checks.js';
import {
  createFixtureRepo,
  defaultFiles,
  supergraphYaml,
  type FixtureRepo,
} from './fixture-project.js';

// Check 4 when there is no fresh composition: each subgraph's SDL against its SDL at the base.

let repo: FixtureRepo;
afterEach(() => repo.cleanup());

const listing = `
interface Listing {
  id: ID!
  name: String!
}
`;
const listingWithoutName = `
interface Listing {
  id: ID!
}
`;
const productWithName = 'type Product @key(fields: "id") {\n  id: ID!\n  name: String!\n';
const productListing = 'type Product implements Listing @key(fields: "id") {\n  id: ID!\n';

/** Catalog's Product implements an interface `Listing { id name }`; composed and committed. */
async function listingRepo(): Promise<ReturnType<FixtureRepo['snapshotBase']>> {
  repo = createFixtureRepo();
  repo.edit('sdl/catalog.graphql', (sdl) =>
    `${sdl}${listing}`.replace(productWithName, `${productListing}  name: String!\n`),
  );
  await repo.compose();
  return repo.snapshotBase();
}

const deleteProductNameOnly = (sdl: string): string =>
  sdl.replace(`${productListing}  name: String!\n`, productListing);

async function check(base: ReturnType<FixtureRepo['snapshotBase']>): Promise<CheckReport> {
  return runChecks({ project: repo.project(), base: { ok: true, base } });
}

const statuses = (report: CheckReport) => report.checks.map((c) => `${c.id}:${c.status}`);
const check4 = (report: CheckReport) => report.checks[3];

describe('check 4 without a fresh composition', () => {
  it('when Product.name is deleted but its interface still declares it, fails check 1 and check 4 naming the field and the operation using it', async () => {
    const base = await listingRepo();
    repo.edit('sdl/catalog.graphql', deleteProductNameOnly);
    const report = await check(base);
    expect(statuses(report)).toEqual(['1:fail', '2:skip', '3:skip', '4:fail', '5:skip', '6:skip']);
    expect(report.checks[0]?.findings).toMatchObject([
      { message: expect.stringContaining('Listing.name expected but Product does not provide it') },
    ]);
    expect(check4(report)?.summary).toMatch(
      /^composition failed \(check 1\), so this is the subgraph-level analysis of 2 subgraph SDL\(s\) against the base: 1 breaking \(0 allowed\)$/,
    );
    expect(check4(report)?.findings).toEqual([
      {
        severity: 'error',
        code: 'FIELD_REMOVED',
        message:
          "breaking change to Product.name: Field 'name' was removed from object type 'Product'",
        location: { file: `${repo.rootDir}/sdl/catalog.graphql`, line: 3 },
        details: [
          'used by operation(s): ProductList (schema/operations/product-list.graphql:1)',
          'to ship it: deprecate Product.name for a release first, or add to schema/CHANGELOG.md: - BREAKING ACK: Product.name — <reason>',
        ],
      },
    ]);
  });

  it('reports the deleted field with the same code, message and details as the full check', async () => {
    const base = await listingRepo();
    // Deleted from the interface too, the subgraphs compose and the full check runs.
    repo.edit('sdl/catalog.graphql', (sdl) =>
      deleteProductNameOnly(sdl).replace(listing, listingWithoutName),
    );
    const full = await check(base);
    expect(full.checks[1]?.status).toBe('pass');
    const fromFull = check4(full)?.findings.find((f) => f.message.includes('Product.name'));
    expect(fromFull).toMatchObject({ severity: 'error', code: 'FIELD_REMOVED' });

    repo.edit('sdl/catalog.graphql', (sdl) => sdl.replace(listingWithoutName, listing));
    const subgraphLevel = await check(base);
    expect(subgraphLevel.checks[0]?.status).toBe('fail');
    const [fromSubgraph] = check4(subgraphLevel)?.findings ?? [];
    expect({ ...fromSubgraph, location: undefined }).toEqual({ ...fromFull, location: undefined });
  });

  it('passes check 4 for a deletion acknowledged in the changelog by this change', async () => {
    const base = await listingRepo();
    repo.edit('sdl/catalog.graphql', deleteProductNameOnly);
    repo.edit(
      'schema/CHANGELOG.md',
      (log) => `${log}- BREAKING ACK: Product.name — moving to Listing only\n`,
    );
    const report = await check(base);
    expect(check4(report)).toMatchObject({
      status: 'pass',
      findings: [
        {
          severity: 'notice',
          code: 'FIELD_REMOVED',
          message: expect.stringContaining('allowed: acknowledged at schema/CHANGELOG.md:4'),
        },
      ],
    });
  });

  it('when catalog SDL does not parse, reports the syntax error, leaves catalog out of check 4 and still compares accounts', async () => {
    const base = await listingRepo();
    repo.edit('sdl/catalog.graphql', (sdl) => sdl.replace('  id: ID!\n', '  id: ID!!\n'));
    repo.edit('sdl/accounts.graphql', (sdl) => sdl.replace('  email: String!\n', ''));
    const report = await check(base);
    expect(report.checks[0]?.findings).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining('Syntax Error'),
        location: expect.objectContaining({
          file: `${repo.rootDir}/sdl/catalog.graphql`,
          line: 4,
        }),
      }),
    );
    expect(check4(report)?.summary).toContain(
      'analysis of 1 subgraph SDL(s) against the base: 1 breaking (0 allowed); not compared: catalog (its SDL does not parse)',
    );
    expect(check4(report)?.findings).toMatchObject([
      {
        code: 'FIELD_REMOVED',
        message: expect.stringContaining('User.email'),
        location: { file: `${repo.rootDir}/sdl/accounts.graphql` },
        details: ['used by operation(s): Me (schema/operations/me.graphql:1)', expect.any(String)],
      },
    ]);
  });

  it('skips check 4 when no subgraph SDL parses', async () => {
    const base = await listingRepo();
    repo.edit('sdl/catalog.graphql', (sdl) => sdl.replace('  id: ID!\n', '  id: ID!!\n'));
    repo.edit('sdl/accounts.graphql', (sdl) => sdl.replace('  id: ID!\n', '  id: ID!!\n'));
    const report = await check(base);
    expect(check4(report)).toMatchObject({
      status: 'skip',
      summary:
        'no subgraph SDL to compare with the base; not compared: accounts (its SDL does not parse), catalog (its SDL does not parse)',
    });
  });

  it('reports no breaking change for safe changes when composition fails elsewhere', async () => {
    const base = await listingRepo();
    // Safe: User.name moves from accounts to catalog, and a nullable output field becomes non-null.
    repo.edit('sdl/accounts.graphql', (sdl) =>
      sdl
        .replace('  email: String!\n  name: String!\n', '  email: String!\n')
        // Breaks composition: Money is @shareable in catalog only.
        .concat('\ntype Money {\n  amount: Int!\n  currency: String!\n}\n'),
    );
    repo.edit('sdl/catalog.graphql', (sdl) =>
      sdl
        .replace('  description: String\n', '  description: String!\n')
        .concat('\ntype User @key(fields: "id") {\n  id: ID!\n  name: String!\n}\n'),
    );
    await repo.compose();
    const report = await check(base);
    expect(statuses(report)).toEqual(['1:pass', '2:fail', '3:skip', '4:pass', '5:skip', '6:skip']);
    expect(report.checks[1]?.findings).toContainEqual(
      expect.objectContaining({ code: 'INVALID_FIELD_SHARING' }),
    );
    expect(check4(report)).toMatchObject({
      summary: expect.stringContaining('composition failed (check 2)'),
      findings: [],
    });
  });

  it('when a subgraph module fails to load, compares the SDL file it declares as its source', async () => {
    repo = createFixtureRepo({
      ...defaultFiles(),
      'schema/supergraph.yaml': supergraphYaml.replace(
        '      file: ../sdl/catalog.graphql\n',
        "      module: '@fixture/catalog'\n      source: ../sdl/catalog.graphql\n",
      ),
    });
    let broken = false;
    const load: ModuleLoader = (specifier) => {
      if (specifier !== '@fixture/catalog') throw new Error(`unexpected ${specifier}`);
      if (broken) return Promise.reject(new Error('a resolver import failed'));
      return Promise.resolve({ typeDefs: parse(repo.read('sdl/catalog.graphql')) });
    };
    await repo.compose(load);
    const base = repo.snapshotBase();
    repo.edit('sdl/catalog.graphql', (sdl) => sdl.replace('  description: String\n', ''));
    broken = true;
    const report = await runChecks({ project: repo.project(), base: { ok: true, base }, load });
    expect(report.checks[0]?.findings).toMatchObject([{ code: 'SUBGRAPH_MODULE_INVALID' }]);
    expect(check4(report)?.findings).toMatchObject([
      {
        code: 'FIELD_REMOVED',
        message: expect.stringContaining('Product.description'),
        location: { file: `${repo.rootDir}/sdl/catalog.graphql`, line: 3 },
        details: [
          'used by operation(s): ProductPage (schema/operations/product-page.graphql:1)',
          expect.any(String),
        ],
      },
    ]);
  });
});
