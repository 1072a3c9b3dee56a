import type { Db, IndexDescription } from 'mongodb';

/** The indexes a service needs, per collection name. */
export type IndexSpecs = Readonly<Record<string, readonly IndexDescription[]>>;

/**
 * Creates the indexes a service needs, at startup. `createIndexes` is idempotent for identical
 * definitions; a conflicting definition (same name, other keys or options) fails loudly here
 * rather than silently leaving the old index, so give every index an explicit `name`.
 */
export async function ensureIndexes(db: Db, specs: IndexSpecs): Promise<void> {
  for (const [collection, indexes] of Object.entries(specs)) {
    if (indexes.length === 0) continue;
    try {
      await db.collection(collection).createIndexes([...indexes]);
    } catch (error) {
      const names = indexes.map((index) => index.name ?? JSON.stringify(index.key)).join(', ');
      throw new Error(
        `Could not create the indexes of ${db.databaseName}.${collection} (${names}).`,
        {
          cause: error,
        },
      );
    }
  }
}
