import type { Logger } from '../../logger.js';
import type { Catalog } from '../catalog.js';
import { normalizeIndexSpec } from '../index-spec.js';
import type { JournalEntry } from '../write-op.js';

/**
 * Re-applies a committed change to the catalog during recovery, bypassing the journal. Each
 * entry was valid when first applied, so failures here mean damaged files: log and go on.
 */
export function replayEntry(catalog: Catalog, entry: JournalEntry, logger: Logger): void {
  try {
    const seq = catalog.nextSeq();
    switch (entry.op) {
      case 'create':
        catalog.ensure(entry.ns[0], entry.ns[1], entry.options);
        return;
      case 'insert':
        catalog.ensure(entry.ns[0], entry.ns[1]).collection.insert(entry.doc, seq);
        return;
      case 'replace': {
        const collection = catalog.get(entry.ns[0], entry.ns[1]);
        const rid = collection?.ridById(entry.doc._id);
        if (collection !== undefined && rid !== undefined) collection.replace(rid, entry.doc, seq);
        return;
      }
      case 'delete': {
        const collection = catalog.get(entry.ns[0], entry.ns[1]);
        const rid = collection?.ridById(entry.id);
        if (collection !== undefined && rid !== undefined) collection.delete(rid);
        return;
      }
      case 'drop':
        catalog.drop(entry.ns[0], entry.ns[1]);
        return;
      case 'dropDatabase':
        catalog.dropDatabase(entry.db);
        return;
      case 'createIndex':
        catalog
          .ensure(entry.ns[0], entry.ns[1])
          .collection.createIndex(normalizeIndexSpec(entry.spec));
        return;
      case 'dropIndex':
        catalog.get(entry.ns[0], entry.ns[1])?.dropIndex(entry.name);
        return;
    }
  } catch (error) {
    logger.warn(`recovery: skipped a '${entry.op}' entry: ${(error as Error).message}`);
  }
}
