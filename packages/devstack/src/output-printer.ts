import type { OutputStream } from './managed-process.js';

const COLORS = [36, 35, 33, 32, 34, 91, 96, 95, 93, 92] as const;
const PINO_LEVELS: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields every pino line has that the prefix already shows or that add noise in a terminal. */
const HIDDEN_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg']);

export interface OutputPrinterOptions {
  /** Every service name, so prefixes line up. */
  readonly names: readonly string[];
  /** ANSI colours (when writing to a TTY). */
  readonly color: boolean;
  readonly write: (text: string) => void;
}

/**
 * Prints child output as `catalog  | INFO listening port=4002`: one colour per service, and
 * pino JSON lines shortened to level, message and extra fields. Other lines pass through as is.
 */
export function createOutputPrinter(options: OutputPrinterOptions) {
  const width = Math.max(...options.names.map((n) => n.length), 5);
  const colorOf = new Map(options.names.map((n, i) => [n, COLORS[i % COLORS.length] ?? 36]));
  return (service: string, line: string, _stream?: OutputStream): void => {
    const label = `${service.padEnd(width)} |`;
    const prefix = options.color ? `\u001b[${colorOf.get(service) ?? 37}m${label}\u001b[0m` : label;
    options.write(`${prefix} ${formatLogLine(line)}\n`);
  };
}

/** `{"level":30,"msg":"listening","port":4002}` → `INFO listening port=4002`. */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null || !('level' in entry)) return line;
  const record = entry as Record<string, unknown>;
  const level =
    typeof record['level'] === 'number'
      ? (PINO_LEVELS[record['level']] ?? String(record['level']))
      : String(record['level']).toUpperCase();
  let stack = '';
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN_FIELDS.has(key))
    .map(([key, value]) => {
      // pino's serialized errors: the message inline, the stack on the lines below.
      if (key === 'err' && typeof value === 'object' && value !== null && 'message' in value) {
        const err = value as { message: unknown; stack?: unknown };
        if (typeof err.stack === 'string') stack = `\n${err.stack}`;
        return `err=${JSON.stringify(err.message)}`;
      }
      return `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
    });
  const msg = typeof record['msg'] === 'string' ? record['msg'] : '';
  return [level, msg, ...fields].filter((part) => part !== '').join(' ') + stack;
}
