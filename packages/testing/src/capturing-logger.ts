/** One line a {@link capturingLogger} recorded, with the bindings of the child that wrote it. */
export interface CapturedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly bindings: Readonly<Record<string, unknown>>;
  readonly obj: object;
  readonly msg?: string;
}

/**
 * A logger that records every line. Structurally pino's `(obj, msg)` surface as the packages
 * declare it (`EventsLogger` of @tessera/events), so it stands in for their logger without this
 * package depending on theirs.
 */
export interface CapturingLogger {
  /** Every line written through this logger or any of its children, in order. */
  readonly lines: CapturedLine[];
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): CapturingLogger;
}

/** A logger that records every line with its accumulated child bindings, in one shared list. */
export function capturingLogger(
  lines: CapturedLine[] = [],
  bindings: Readonly<Record<string, unknown>> = {},
): CapturingLogger {
  const log = (level: CapturedLine['level']) => (obj: object, msg?: string) => {
    lines.push({ level, bindings, obj, ...(msg === undefined ? {} : { msg }) });
  };
  return {
    lines,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (more) => capturingLogger(lines, { ...bindings, ...more }),
  };
}
