/**
 * DataLoader batch helpers. A batch function must return one result per key, in key order: these
 * line up what one `$in` query returned with the keys asked for. Keys are compared by
 * `String(key)`, so ObjectIds and their hex strings match.
 */

/** For one-to-one loaders (entity by id): the document per key, `null` where none matched. */
export function inKeyOrder<K, T>(
  keys: readonly K[],
  docs: readonly T[],
  keyOf: (doc: T) => unknown,
): (T | null)[] {
  const byKey = new Map<string, T>();
  for (const doc of docs) byKey.set(String(keyOf(doc)), doc);
  return keys.map((key) => byKey.get(String(key)) ?? null);
}

/** For one-to-many loaders (reviews by product id): the documents per key, `[]` where none matched, in `docs` order. */
export function groupInKeyOrder<K, T>(
  keys: readonly K[],
  docs: readonly T[],
  keyOf: (doc: T) => unknown,
): T[][] {
  const groups = new Map<string, T[]>();
  for (const doc of docs) {
    const key = String(keyOf(doc));
    const group = groups.get(key);
    if (group) group.push(doc);
    else groups.set(key, [doc]);
  }
  return keys.map((key) => groups.get(String(key)) ?? []);
}
