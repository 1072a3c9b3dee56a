import { errorCodes } from '@tessera/errors';

type Registry = Readonly<Record<string, { readonly status: number; readonly description: string }>>;

/** Where the generated page lives, relative to the repo root. */
export const ERROR_DOCS_PATH = 'docs/errors.md';

/**
 * Renders `docs/errors.md` from the error-code registry, so the docs cannot drift from the codes
 * the servers return. A unit test fails when the committed file differs from this output.
 */
export function renderErrorDocs(registry: Registry = errorCodes): string {
  const rows = table([
    ['code', 'HTTP status', 'meaning'],
    ...Object.entries(registry).map(([code, { status, description }]) => [
      `\`${code}\``,
      String(status),
      description.replaceAll('|', '\\|').replaceAll('\n', ' '),
    ]),
  ]);
  return [
    '<!-- GENERATED from packages/errors/src/error-codes.ts by',
    '     `npm run docs:errors -w @tessera/devstack`. Do not edit by hand. -->',
    '',
    '# Error codes',
    '',
    'Every GraphQL error Tessera returns carries a stable `extensions.code` from this list.',
    'Messages are for people and may change; codes are for programs and do not. The status',
    'column is the HTTP status of a request the error rejects as a whole (a bad token gets 401,',
    'a rate limit 429). An error in a field does not change the status: following GraphQL over',
    'HTTP, the response is 200 with partial `data` next to `errors`. In production',
    '(`NODE_ENV=production`) unexpected errors are masked as `INTERNAL_SERVER_ERROR`, and the',
    'details go to the server log under the request id.',
    '',
    ...rows,
    '',
    'To add a code, add it with its status and description to',
    '`packages/errors/src/error-codes.ts`, then regenerate this page.',
    '',
  ].join('\n');
}

/** A Markdown table padded the way Prettier formats one, so the generated file is stable. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, i) =>
    Math.max(3, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [header = [], ...body] = rows;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}
