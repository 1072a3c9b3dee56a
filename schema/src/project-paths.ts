import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's directory: `schema/` of the repository. */
export const SCHEMA_DIR = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/** The repository root; reports print paths relative to it. */
export const ROOT_DIR = dirname(SCHEMA_DIR);
