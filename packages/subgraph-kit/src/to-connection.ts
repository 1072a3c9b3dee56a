import { encodeCursor } from './cursor.js';

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export interface Edge<T> {
  readonly node: T;
  readonly cursor: string;
}

export interface Connection<T> {
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: PageInfo;
}

export interface ToConnectionOptions {
  /** Whether the page was requested with an `after` cursor. @defaultValue false */
  readonly hasPreviousPage?: boolean;
}

/**
 * Builds a Relay connection from a page fetched with `limit(first + 1)`: the extra document, if
 * any, only proves there is a next page, so no count query is needed.
 * @param cursorOf the node's sort-key values, e.g. `(p) => ({ name: p.name, _id: p._id })`
 */
export function toConnection<T>(
  docs: readonly T[],
  first: number,
  cursorOf: (doc: T) => Record<string, unknown>,
  options: ToConnectionOptions = {},
): Connection<T> {
  const page = docs.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: docs.length > first,
      hasPreviousPage: options.hasPreviousPage ?? false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
