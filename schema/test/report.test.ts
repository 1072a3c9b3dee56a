import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/check-result.js';
import { renderAnnotations, renderJson, renderText, wantsAnnotations } from '../src/report.js';

const report: CheckReport = {
  ok: false,
  base: { rev: 'abc123', label: 'merge-base HEAD main' },
  checks: [
    {
      id: 1,
      title: 'committed subgraph SDL matches the code',
      status: 'pass',
      summary: '2 subgraph(s)',
      findings: [],
    },
    {
      id: 4,
      title: 'no unacknowledged breaking change against the base',
      status: 'fail',
      summary: '1 change(s)',
      findings: [
        {
          severity: 'error',
          code: 'FIELD_REMOVED',
          message: "breaking change to Product.name: Field 'name' was removed, 100% sure",
          location: { file: '/repo/schema/supergraph.graphql', line: 42 },
          details: ['used by operation(s): ProductList (schema/operations/product-list.graphql:1)'],
        },
      ],
    },
    { id: 6, title: 'event contracts', status: 'skip', summary: 'no registry', findings: [] },
  ],
};

describe('rendering the check report', () => {
  it('prints each check, each finding at file:line with its code and details, and the failed checks', () => {
    expect(renderText(report, '/repo')).toBe(
      [
        'schema:check against abc123 (merge-base HEAD main)',
        '',
        'PASS 1. committed subgraph SDL matches the code: 2 subgraph(s)',
        'FAIL 4. no unacknowledged breaking change against the base: 1 change(s)',
        "  x schema/supergraph.graphql:42: breaking change to Product.name: Field 'name' was removed, 100% sure [FIELD_REMOVED]",
        '      used by operation(s): ProductList (schema/operations/product-list.graphql:1)',
        'SKIP 6. event contracts: no registry',
        '',
        'schema:check failed: check 4',
        '',
      ].join('\n'),
    );
  });

  it('prints one JSON object with ok and a checks array, paths relative to the root', () => {
    const json = JSON.parse(renderJson(report, '/repo')) as {
      ok: boolean;
      checks: { id: number; status: string; findings: unknown[] }[];
    };
    expect(json).toMatchObject({ ok: false, base: { rev: 'abc123' } });
    expect(json.checks.map((c) => [c.id, c.status])).toEqual([
      [1, 'pass'],
      [4, 'fail'],
      [6, 'skip'],
    ]);
    expect(json.checks[1]?.findings[0]).toEqual({
      severity: 'error',
      code: 'FIELD_REMOVED',
      message: "breaking change to Product.name: Field 'name' was removed, 100% sure",
      file: 'schema/supergraph.graphql',
      line: 42,
      details: ['used by operation(s): ProductList (schema/operations/product-list.graphql:1)'],
    });
  });

  it('emits GitHub ::error annotations with file and line, escaping % and newlines', () => {
    expect(renderAnnotations(report, '/repo')).toBe(
      "::error file=schema/supergraph.graphql,line=42,title=schema%3Acheck 4 FIELD_REMOVED::breaking change to Product.name: Field 'name' was removed, 100%25 sure%0Aused by operation(s): ProductList (schema/operations/product-list.graphql:1)\n",
    );
  });

  it('wants annotations when CI or GITHUB_ACTIONS is set', () => {
    expect([
      wantsAnnotations({}),
      wantsAnnotations({ CI: 'true' }),
      wantsAnnotations({ GITHUB_ACTIONS: 'true' }),
      wantsAnnotations({ CI: 'false' }),
    ]).toEqual([false, true, true, false]);
  });
});
