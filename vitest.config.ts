import { defineConfig } from 'vitest/config';

const common = ['**/node_modules/**', '**/dist/**'];

// Unit tests (`*.test.ts`) need nothing running. Integration (`*.int.test.ts`) and end-to-end
// (`*.e2e.test.ts`) tests talk to real MongoDB-compatible and Redis servers started by globalSetup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...common, '**/*.int.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
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
