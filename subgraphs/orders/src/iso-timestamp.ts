/** A stored date as the graph's ISO-8601 `String`; null for a step or saga not there yet. */
export function isoTimestamp(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
