import { z } from 'zod';
import { format } from 'prettier';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/check-result.js';
import type { EventContract } from '@tessera/events';
import { renderEventSnapshot, type EventSnapshot } from '../src/event-snapshot.js';
import type { ModuleLoader } from '../src/generate-sdl.js';
import type { BaseRevision } from '../src/git-base.js';
import { runChecks } from '../src/run-checks.js';
import {
  createFixtureRepo,
  defaultFiles,
  supergraphYaml,
  type FixtureRepo,
} from './fixture-project.js';

const line = z.object({ productId: z.string(), quantity: z.number().int().min(1) });
const orderPlacedV1 = z.object({
  orderId: z.string(),
  userId: z.string(),
  lines: z.array(line),
  status: z.enum(['PENDING', 'CONFIRMED', 'CANCELLED']),
});

let registry: Record<string, EventContract> = {};
const load: ModuleLoader = (specifier) =>
  specifier === 'fixture-events'
    ? Promise.resolve({ eventContracts: registry })
    : import(specifier);

let repo: FixtureRepo;
afterEach(() => repo.cleanup());

/** A repository whose committed snapshots (and base) hold `order.placed` v1. */
async function committedRepo(): Promise<BaseRevision> {
  repo = createFixtureRepo({
    ...defaultFiles(),
    'schema/supergraph.yaml': `${supergraphYaml}events:\n  module: fixture-events\n`,
  });
  registry = { 'order.placed': { version: 1, schema: orderPlacedV1 } };
  await repo.compose(load);
  return repo.snapshotBase();
}

/** Changes the registry, recomposes, and checks against `base`. */
async function checkWith(
  base: BaseRevision,
  contracts: Record<string, EventContract>,
): Promise<CheckReport> {
  registry = contracts;
  await repo.compose(load);
  return runChecks({ project: repo.project(), base: { ok: true, base }, load });
}

const check6 = (report: CheckReport) => report.checks.find((c) => c.id === 6);

describe('check 6: event contracts', () => {
  it('passes and snapshots every contract when nothing changed', async () => {
    const base = await committedRepo();
    const report = await checkWith(base, registry);
    expect(check6(report)).toMatchObject({ status: 'pass', summary: '1 event contract(s)' });
    expect(JSON.parse(repo.read('schema/events/order.placed.json'))).toMatchObject({
      event: 'order.placed',
      version: 1,
    });
  });

  it('fails a removed event field, saying how to acknowledge it', async () => {
    const base = await committedRepo();
    const report = await checkWith(base, {
      'order.placed': { version: 1, schema: orderPlacedV1.omit({ userId: true }) },
    });
    expect(check6(report)).toMatchObject({
      status: 'fail',
      findings: [
        {
          code: 'EVENT_CHANGE_BREAKING',
          message: 'event order.placed: field `userId` was removed',
          details: [
            'coordinate: event:order.placed/userId',
            expect.stringContaining('- BREAKING ACK: event:order.placed/userId'),
            expect.stringContaining('bump the contract'),
          ],
        },
      ],
    });
  });

  it('fails a retyped event field', async () => {
    const base = await committedRepo();
    const next = orderPlacedV1.extend({ lines: z.array(line.extend({ quantity: z.string() })) });
    const report = await checkWith(base, { 'order.placed': { version: 1, schema: next } });
    expect(check6(report)?.findings).toMatchObject([
      {
        severity: 'error',
        message: expect.stringContaining('`lines[].quantity` changed type from integer to string'),
      },
    ]);
  });

  it('passes an optional field added to an event', async () => {
    const base = await committedRepo();
    const next = orderPlacedV1.extend({ couponCode: z.string().optional() });
    const report = await checkWith(base, { 'order.placed': { version: 1, schema: next } });
    expect(check6(report)).toMatchObject({ status: 'pass', findings: [] });
  });

  it('passes a breaking change acknowledged in the changelog with the version bumped', async () => {
    const base = await committedRepo();
    repo.edit(
      'schema/CHANGELOG.md',
      (log) =>
        `${log}- BREAKING ACK: event:order.placed — v2 drops userId; consumers read the order\n`,
    );
    const report = await checkWith(base, {
      'order.placed': { version: 2, schema: orderPlacedV1.omit({ userId: true }) },
    });
    expect(check6(report)).toMatchObject({
      status: 'pass',
      findings: [{ severity: 'notice', code: 'EVENT_CHANGE_BREAKING_ACKNOWLEDGED' }],
    });
  });

  it('fails an acknowledged breaking change that keeps the old version', async () => {
    const base = await committedRepo();
    repo.edit(
      'schema/CHANGELOG.md',
      (log) => `${log}- BREAKING ACK: event:order.placed/userId — dropped\n`,
    );
    const report = await checkWith(base, {
      'order.placed': { version: 1, schema: orderPlacedV1.omit({ userId: true }) },
    });
    expect(check6(report)?.findings).toMatchObject([
      {
        severity: 'error',
        details: ['coordinate: event:order.placed/userId', expect.stringContaining('still 1')],
      },
    ]);
  });

  it('fails an event removed from the registry, and its stale snapshot', async () => {
    const base = await committedRepo();
    registry = {};
    const report = await runChecks({ project: repo.project(), base: { ok: true, base }, load });
    expect(check6(report)?.findings.map((f) => f.code)).toEqual([
      'EVENT_SNAPSHOT_STALE',
      'EVENT_CHANGE_BREAKING',
    ]);
  });

  it('fails when the committed snapshot does not match the registry', async () => {
    const base = await committedRepo();
    registry = {
      'order.placed': { version: 1, schema: orderPlacedV1.extend({ note: z.string().optional() }) },
    };
    const report = await runChecks({ project: repo.project(), base: { ok: true, base }, load });
    expect(check6(report)?.findings).toMatchObject([{ code: 'EVENT_SNAPSHOT_OUT_OF_DATE' }]);
  });
});

describe('event snapshot files', () => {
  it('are laid out exactly as Prettier formats JSON, so formatting never rewrites them', async () => {
    const snapshot: EventSnapshot = {
      event: 'order.placed',
      version: 3,
      schema: z.toJSONSchema(
        orderPlacedV1.extend({
          tags: z.array(z.string()),
          note: z.string().nullable(),
          long: z.enum([
            'A_VERY_LONG_ENUM_VALUE_NUMBER_ONE',
            'A_VERY_LONG_ENUM_VALUE_NUMBER_TWO',
            'AND_A_THIRD',
          ]),
        }),
      ),
    };
    const text = renderEventSnapshot(snapshot);
    const formatted = await format(text, {
      parser: 'json',
      singleQuote: true,
      printWidth: 100,
      trailingComma: 'all',
    });
    expect(text).toBe(formatted);
  });
});
