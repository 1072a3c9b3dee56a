/**
 * Command bodies are decoded with `promoteValues: false`, so a `limit: 5` arrives as an Int32
 * instance. These helpers read such option values as JS numbers.
 */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object' && '_bsontype' in value) {
    const bson = value as unknown as { _bsontype: string; value: number; toNumber(): number };
    if (bson._bsontype === 'Int32' || bson._bsontype === 'Double') return bson.value;
    if (bson._bsontype === 'Long') return bson.toNumber();
    if (bson._bsontype === 'Decimal128')
      return Number((value as { toString(): string }).toString());
  }
  return undefined;
}

/** MongoDB treats numbers as booleans in options (`multi: 1`). */
export function asBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const n = asNumber(value);
  return n !== undefined ? n !== 0 : value !== undefined && value !== null;
}
