import { defineConfig } from 'vitest/config';

// The tests `npm run mutate` runs against each mutant: only unit tests, which need no database and
// finish in seconds, of the files stryker.config.json mutates. Integration tests boot the app on a
// database per file (tens of seconds each), which is too slow to repeat for thousands of mutants on
// this machine; the rules they cover are held by the pure functions mutated here.
export default defineConfig({
  test: {
    include: [
      'packages/clinical/src/**/*.test.ts',
      'packages/planner/src/check-solution*.test.ts',
      'packages/planner/src/replan-after-absence*.test.ts',
      'packages/planner/src/hgs/*.test.ts',
      'packages/planner/src/unplanned-reasons.test.ts',
      'packages/server/src/audit/*.test.ts',
      'packages/server/src/db/*.test.ts',
      'packages/server/src/platform/*.test.ts',
      'packages/server/src/record/*.test.ts',
      'packages/server/src/fhir/*.test.ts',
    ],
    exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
  },
});
