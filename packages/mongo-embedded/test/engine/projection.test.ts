import { Int32, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { applyProjection, compileProjection } from '../../src/engine/projection.js';

const doc: Document = { _id: 1, a: 1, b: { c: 2, d: 3 }, arr: [1, 2, 3, 4, 5], z: 'z' };
const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return undefined;
};

describe('applyProjection: inclusion and exclusion', () => {
  it('returns the document unchanged without a projection', () => {
    expect(applyProjection(doc, undefined)).toBe(doc);
    expect(applyProjection(doc, {})).toBe(doc);
  });

  it('includes listed fields and _id by default, in document order', () => {
    const out = applyProjection(doc, { z: 1, a: 1 });
    expect(out).toStrictEqual({ _id: 1, a: 1, z: 'z' });
    expect(Object.keys(out)).toStrictEqual(['_id', 'a', 'z']);
  });

  it('drops _id when excluded in an inclusion projection', () => {
    expect(applyProjection(doc, { a: 1, _id: 0 })).toStrictEqual({ a: 1 });
  });

  it('excludes listed fields and keeps the rest', () => {
    expect(applyProjection(doc, { b: 0, arr: 0 })).toStrictEqual({ _id: 1, a: 1, z: 'z' });
    expect(applyProjection(doc, { _id: 0 })).toStrictEqual({
      a: 1,
      b: { c: 2, d: 3 },
      arr: [1, 2, 3, 4, 5],
      z: 'z',
    });
  });

  it('includes only _id for {_id: 1}', () => {
    expect(applyProjection(doc, { _id: 1 })).toStrictEqual({ _id: 1 });
  });

  it('projects dotted paths into sub-documents and arrays of sub-documents', () => {
    expect(applyProjection(doc, { 'b.c': 1 })).toStrictEqual({ _id: 1, b: { c: 2 } });
    expect(applyProjection(doc, { 'b.c': 0 })).toStrictEqual({ ...doc, b: { d: 3 } });
    const items = { _id: 1, items: [{ x: 1, y: 2 }, 7, { y: 3 }] };
    expect(applyProjection(items, { 'items.y': 1 })).toStrictEqual({
      _id: 1,
      items: [{ y: 2 }, { y: 3 }],
    });
    expect(applyProjection(items, { 'items.y': 0 })).toStrictEqual({
      _id: 1,
      items: [{ x: 1 }, 7, {}],
    });
  });

  it('treats a nested projection object like dotted paths', () => {
    expect(applyProjection(doc, { b: { d: 1 } })).toStrictEqual({ _id: 1, b: { d: 3 } });
  });

  it('rejects mixing inclusion and exclusion with 31254 and 31253', () => {
    expect(codeOf(() => applyProjection(doc, { a: 1, b: 0 }))).toBe(31254);
    expect(codeOf(() => applyProjection(doc, { b: 0, a: 1 }))).toBe(31253);
  });

  it('rejects colliding paths with 31250', () => {
    expect(codeOf(() => applyProjection(doc, { b: 1, 'b.c': 1 }))).toBe(31250);
  });
});

describe('applyProjection: operators', () => {
  it('$slice keeps the other fields', () => {
    expect(applyProjection(doc, { arr: { $slice: 2 } })).toStrictEqual({ ...doc, arr: [1, 2] });
    expect(applyProjection(doc, { arr: { $slice: -2 } }).arr).toStrictEqual([4, 5]);
    expect(applyProjection(doc, { arr: { $slice: [1, 2] } }).arr).toStrictEqual([2, 3]);
    expect(applyProjection(doc, { arr: { $slice: [-2, 5] } }).arr).toStrictEqual([4, 5]);
  });

  it('$slice combines with inclusion', () => {
    expect(applyProjection(doc, { arr: { $slice: 1 }, a: 1 })).toStrictEqual({
      _id: 1,
      a: 1,
      arr: [1],
    });
  });

  it('$elemMatch returns the first matching element only', () => {
    const d = {
      _id: 1,
      s: [
        { k: 1, v: 'a' },
        { k: 2, v: 'b' },
        { k: 2, v: 'c' },
      ],
      other: 1,
    };
    expect(applyProjection(d, { s: { $elemMatch: { k: 2 } } })).toStrictEqual({
      _id: 1,
      s: [{ k: 2, v: 'b' }],
    });
    expect(applyProjection(d, { s: { $elemMatch: { k: 9 } } })).toStrictEqual({ _id: 1 });
  });

  it('positional $ returns the element the query matched', () => {
    const d = { _id: 1, grades: [70, 90, 95] };
    expect(
      applyProjection(d, { 'grades.$': 1 }, { query: { grades: { $gte: 85 } } }),
    ).toStrictEqual({
      _id: 1,
      grades: [90],
    });
  });

  it('computes expression fields after included ones', () => {
    const out = applyProjection(doc, { total: { $add: ['$a', '$b.c'] }, a: 1 });
    expect(out).toStrictEqual({ _id: 1, a: 1, total: new Int32(3) });
    expect(Object.keys(out)).toStrictEqual(['_id', 'a', 'total']);
    expect(applyProjection(doc, { label: 'fixed' })).toStrictEqual({ _id: 1, label: 'fixed' });
  });

  it('rejects an expression in an exclusion projection with 31310', () => {
    expect(codeOf(() => applyProjection(doc, { a: 0, x: '$b' }))).toBe(31310);
  });
});

describe('compileProjection for $project and $addFields', () => {
  it('$addFields merges nested fields into existing sub-documents and arrays', () => {
    const add = compileProjection({ 'b.e': 4, x: { $literal: 1 } }, 'addFields');
    expect(add(doc)).toStrictEqual({ ...doc, b: { c: 2, d: 3, e: 4 }, x: 1 });
    const each = compileProjection({ 'items.n': 0 }, 'addFields');
    expect(each({ items: [{ a: 1 }, { a: 2 }] })).toStrictEqual({
      items: [
        { a: 1, n: 0 },
        { a: 2, n: 0 },
      ],
    });
  });

  it('$addFields replaces existing fields in place and removes with $$REMOVE', () => {
    const add = compileProjection({ a: 'new', z: '$$REMOVE' }, 'addFields');
    const out = add(doc);
    expect(Object.keys(out)).toStrictEqual(['_id', 'a', 'b', 'arr']);
    expect(out.a).toBe('new');
  });

  it('$project rejects an empty specification', () => {
    expect(codeOf(() => compileProjection({}, 'project'))).toBe(51272);
  });
});
