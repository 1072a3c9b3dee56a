import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '@tessera/errors';
import { ERROR_DOCS_PATH, renderErrorDocs } from '../src/error-docs.js';
import { REPO_ROOT } from '../src/repo-root.js';

describe('docs/errors.md', () => {
  it('matches the error-code registry (run `npm run docs:errors -w @tessera/devstack` if not)', () => {
    const committed = readFileSync(join(REPO_ROOT, ERROR_DOCS_PATH), 'utf8');
    expect(committed).toBe(renderErrorDocs());
  });

  it('lists every registered code with its HTTP status', () => {
    const page = renderErrorDocs();
    for (const [code, { status }] of Object.entries(errorCodes)) {
      expect(page).toMatch(new RegExp(`^\\| \`${code}\` +\\| ${status} +\\| `, 'm'));
    }
  });

  it('escapes a pipe in a description so the table keeps its columns', () => {
    const page = renderErrorDocs({ ODD: { status: 400, description: 'a | b' } });
    expect(page).toMatch(/^\| `ODD` +\| 400 +\| a \\\| b +\|$/m);
  });
});
