import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships both index.mjs (which Vite picks) and index.js (which Node and the @apollo/*
// libraries load). Two copies break every `instanceof GraphQLSchema` check across that line, so
// tests use the same CommonJS entry as production.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

const common = ['**/node_modules/**', '**/dist/**'];

// Unit tests (`*.test.ts`) need nothing running. Integration (`*.int.test.ts`) and end-to-end
// (`*.e2e.test.ts`) tests talk to real MongoDB-compatible and Redis servers started by globalSetup.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...common, '**/*.int.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts', '**/*.e2e.test.ts'],
          exclude: common,
          globalSetup: ['./packages/testing/src/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
