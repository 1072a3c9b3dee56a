import { describe, expect, it } from 'vitest';
import { decodeCursor, toConnection } from '../src/index.js';

const docs = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
const key = (doc: { id: string }) => ({ id: doc.id });

describe('toConnection', () => {
  it('uses the extra document only to report a next page', () => {
    const connection = toConnection(docs, 2, key);
    expect(connection.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(connection.pageInfo.endCursor ?? '')).toEqual({ id: 'b' });
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor);
  });

  it('reports the last page', () => {
    const connection = toConnection(docs, 3, key, { hasPreviousPage: true });
    expect(connection.edges).toHaveLength(3);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('gives null cursors for an empty page', () => {
    expect(toConnection([], 5, key).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
