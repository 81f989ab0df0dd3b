import { defineConfig } from 'vitest/config';

// Three kinds of test, split by file suffix (as Medplum does):
//   *.test.ts      unit, pure, no I/O
//   *.int.test.ts  integration: the app booted with inject() on a real database; run once per dialect
//   *.e2e.test.ts  browser: Debian's Chromium driven by playwright-core, axe on every page
// Timeouts are only a backstop for a hung test, never a measure of speed: generous, so a machine busy
// with other work (a load of 20 on two cores was seen) slows the suite but cannot turn it red.
// Each run migrates one database per engine and every test file starts from a copy of it.
//
// isolate: false (unit and integration). A test file does not get its own copy of every module: a
// worker imports the app once and runs file after file on it (each file still boots its own app on its own database). Importing the
// app took a fifth of each integration file's time, and ten files took 95 s of CPU isolated against
// 40 s not. A test file therefore must not change what other files see: no vi.mock, no module-level
// state it relies on starting fresh, and any process.env it sets put back in a finally.
const templates = 'packages/server/test/database-templates.setup.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          isolate: false,
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
          // Vitest's 5-second default is a wall-clock limit a busy machine breaks (200,000 NHS numbers
          // took 11 s at load 20). The timeouts are only there to end a hung test.
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'int-pglite',
          isolate: false,
          include: ['packages/*/src/**/*.int.test.ts', 'packages/*/test/**/*.int.test.ts'],
          env: { HOMEWARD_TEST_DB: 'pglite', HOMEWARD_PASSWORD_LOG_N: '10' },
          globalSetup: [templates],
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'int-postgres',
          isolate: false,
          include: ['packages/*/src/**/*.int.test.ts', 'packages/*/test/**/*.int.test.ts'],
          env: { HOMEWARD_TEST_DB: 'postgres', HOMEWARD_PASSWORD_LOG_N: '10' },
          globalSetup: [templates],
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          // As the integration tests: the demo seeder hashes its password at the default strength (scrypt
          // 2^17, 128 MiB) otherwise, and each demo role's sign-in checks it at that strength.
          env: { HOMEWARD_PASSWORD_LOG_N: '10' },
          globalSetup: [templates],
          // A whole story (record-story: a dozen pages, each checked by axe) passed 120 s at load 17.
          testTimeout: 900_000,
          hookTimeout: 600_000,
          // One file at a time: Vitest's default on two cores is one worker (cores - 1). Two at a time
          // beside the integration tests was tried (3b64b07) and was slower: the suite is bound by CPU.
          // scripts/test.ts runs this project as its own process beside the others. Each file has its
          // own app, port, database and browser. Not isolated, as the integration tests: the worker
          // imports the app once instead of once per file (about 4 s of each of 41 files).
          isolate: false,
        },
      },
    ],
  },
});
