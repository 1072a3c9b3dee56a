// Regenerates docs/errors.md from the error-code registry.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_DOCS_PATH, renderErrorDocs } from './error-docs.js';
import { REPO_ROOT } from './repo-root.js';

writeFileSync(join(REPO_ROOT, ERROR_DOCS_PATH), renderErrorDocs());
process.stdout.write(`wrote ${ERROR_DOCS_PATH}\n`);
