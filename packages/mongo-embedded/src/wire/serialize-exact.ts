import { calculateObjectSize, serialize, type Document } from 'bson';

/** The size of `bson`'s internal serialization buffer (17 MB). */
const BSON_BUFFER_SIZE = 17_825_792;

/**
 * Serializes a document, refusing those `bson` cannot hold. Past its internal 17 MB buffer,
 * `serialize` silently truncates long strings, which would write a corrupt reply or journal.
 */
export function serializeExact(doc: Document, size?: number): Buffer {
  const options = { checkKeys: false, ignoreUndefined: true } as const;
  const bytes = size ?? calculateObjectSize(doc, options);
  if (bytes > BSON_BUFFER_SIZE) {
    throw new RangeError(`document of ${bytes} bytes exceeds the ${BSON_BUFFER_SIZE} byte limit`);
  }
  return Buffer.from(serialize(doc, options));
}
