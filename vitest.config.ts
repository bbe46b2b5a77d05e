import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only the TypeScript sources of tests/: never compiled output in dist/.
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Tests that run java (vnu, epubcheck) and pdf tools are heavy; two cores here.
    maxWorkers: 2,
  },
});
