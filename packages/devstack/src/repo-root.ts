import { fileURLToPath } from 'node:url';

/** The monorepo root: this file lives at packages/devstack/src/. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
