import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { diffJsonSchemas, type JsonSchema } from '../src/event-schema-diff.js';

// An order.placed-like payload; each case changes it once.
const line = z.object({ productId: z.string(), quantity: z.number().int().min(1) });
const base = z.object({
  orderId: z.string(),
  userId: z.string(),
  lines: z.array(line),
  status: z.enum(['PENDING', 'CONFIRMED', 'CANCELLED']),
  note: z.string().optional(),
});

const json = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema);
const changes = (next: z.ZodType) => diffJsonSchemas(json(base), json(next));
const levels = (next: z.ZodType) => changes(next).map((c) => [c.level, c.path]);

describe('classifying event contract changes', () => {
  it('reports a removed field as breaking', () => {
    expect(levels(base.omit({ userId: true }))).toEqual([['BREAKING', 'userId']]);
  });

  it('reports a retyped field as breaking', () => {
    const next = base.extend({ orderId: z.number() });
    expect(changes(next)).toMatchObject([
      { level: 'BREAKING', path: 'orderId', message: expect.stringContaining('string to number') },
    ]);
  });

  it('reports a retyped field inside an array of objects as breaking, with its path', () => {
    const next = base.extend({ lines: z.array(line.extend({ quantity: z.string() })) });
    expect(levels(next)).toEqual([['BREAKING', 'lines[].quantity']]);
  });

  it('reports an optional field made required as breaking', () => {
    expect(levels(base.extend({ note: z.string() }))).toEqual([['BREAKING', 'note']]);
  });

  it('reports a required field made optional as breaking', () => {
    expect(levels(base.extend({ userId: z.string().optional() }))).toEqual([
      ['BREAKING', 'userId'],
    ]);
  });

  it('reports a new required field as breaking: payloads already queued lack it', () => {
    expect(levels(base.extend({ total: z.number() }))).toEqual([['BREAKING', 'total']]);
  });

  it('reports a removed enum value as breaking', () => {
    const next = base.extend({ status: z.enum(['PENDING', 'CONFIRMED']) });
    expect(changes(next)).toMatchObject([
      {
        level: 'BREAKING',
        path: 'status',
        message: expect.stringContaining('"CANCELLED" was removed'),
      },
    ]);
  });

  it('reports a field made nullable as breaking', () => {
    expect(levels(base.extend({ userId: z.string().nullable() }))).toEqual([
      ['BREAKING', 'userId'],
    ]);
  });

  it('reports an optional field added as safe', () => {
    expect(levels(base.extend({ couponCode: z.string().optional() }))).toEqual([
      ['NON_BREAKING', 'couponCode'],
    ]);
  });

  it('reports an added enum value or a changed constraint as dangerous, not breaking', () => {
    const next = base.extend({
      status: z.enum(['PENDING', 'CONFIRMED', 'CANCELLED', 'REFUNDED']),
      lines: z.array(line.extend({ quantity: z.number().int().min(1).max(100) })),
    });
    expect(levels(next)).toEqual([
      ['DANGEROUS', 'lines[].quantity'],
      ['DANGEROUS', 'status'],
    ]);
  });

  it('reports no change for the same schema, and ignores descriptions', () => {
    expect(changes(base)).toEqual([]);
    expect(changes(base.describe('An order was placed.'))).toEqual([]);
  });
});
