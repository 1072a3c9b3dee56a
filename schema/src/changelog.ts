/** One `- BREAKING ACK: <coordinate> — <reason>` line of `schema/CHANGELOG.md`. */
export interface Acknowledgement {
  /** A schema coordinate (`Product.name`, `Query.products.first`) or `event:<name>[/<path>]`. */
  readonly coordinate: string;
  readonly reason: string;
  readonly line: number;
}

export interface ParsedChangelog {
  readonly acknowledgements: readonly Acknowledgement[];
  /** Lines that start like an acknowledgement but do not parse; the check reports them. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

const ackLine = /^\s*[-*]\s+BREAKING ACK:(.*)$/;
// `<coordinate> — <reason>`: an em dash, en dash, `--` or `-` between spaces.
const ackBody = /^\s*(\S+)\s+(?:—|–|--|-)\s+(\S.*?)\s*$/;

/**
 * Normalises a coordinate to graphql-inspector's path form, which is what changes carry:
 * the spec form `Type.field(arg:)` becomes `Type.field.arg`.
 */
export function normalizeCoordinate(coordinate: string): string {
  const arg = /^([^.()]+)\.([^.()]+)\(([^:()]+):\)$/.exec(coordinate);
  return arg ? `${arg[1]}.${arg[2]}.${arg[3]}` : coordinate;
}

/** Reads the acknowledgement lines of a changelog, skipping fenced code blocks (the format docs). */
export function parseChangelog(text: string): ParsedChangelog {
  const acknowledgements: Acknowledgement[] = [];
  const problems: { line: number; message: string }[] = [];
  let inFence = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    const m = ackLine.exec(raw);
    if (!m) return;
    const body = ackBody.exec(m[1] ?? '');
    if (!body?.[1] || !body[2]) {
      problems.push({
        line,
        message: 'malformed acknowledgement: expected `- BREAKING ACK: <coordinate> — <reason>`',
      });
      return;
    }
    acknowledgements.push({ coordinate: normalizeCoordinate(body[1]), reason: body[2], line });
  });
  return { acknowledgements, problems };
}

/**
 * The acknowledgements this change adds: those in `current` beyond the ones already in the base.
 * A line inherited from the base acknowledged an earlier change, so it cannot excuse a new one
 * (otherwise a field removed, re-added and removed again would pass silently).
 */
export function newAcknowledgements(
  current: readonly Acknowledgement[],
  base: readonly Acknowledgement[],
): Map<string, Acknowledgement> {
  const inBase = new Map<string, number>();
  for (const ack of base) inBase.set(ack.coordinate, (inBase.get(ack.coordinate) ?? 0) + 1);
  const fresh = new Map<string, Acknowledgement>();
  for (const ack of current) {
    const left = inBase.get(ack.coordinate) ?? 0;
    if (left > 0) inBase.set(ack.coordinate, left - 1);
    else if (!fresh.has(ack.coordinate)) fresh.set(ack.coordinate, ack);
  }
  return fresh;
}
