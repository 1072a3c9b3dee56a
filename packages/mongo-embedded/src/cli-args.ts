/** Parsed `mongo-embedded` arguments, or the reason they are invalid. */
export type CliArgs =
  | { readonly ok: true; readonly port: number; readonly dbPath?: string }
  | { readonly ok: false; readonly error: string };

export const USAGE = 'usage: mongo-embedded --port <0-65535> [--dbpath <dir>]';

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let port: number | undefined;
  let dbPath: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = inline ?? argv[i + 1];
    if (flag === '--port' || flag === '--dbpath') {
      if (value === undefined || value === '') return { ok: false, error: `${flag} needs a value` };
      if (inline === undefined) i++;
      if (flag === '--port') {
        if (!/^\d+$/.test(value) || Number(value) > 65535) {
          return { ok: false, error: `invalid port '${value}'` };
        }
        port = Number(value);
      } else {
        dbPath = value;
      }
      continue;
    }
    if (flag === '--help' || flag === '-h') return { ok: false, error: 'help' };
    return { ok: false, error: `unknown argument '${arg}'` };
  }
  if (port === undefined) return { ok: false, error: '--port is required' };
  return dbPath !== undefined ? { ok: true, port, dbPath } : { ok: true, port };
}
