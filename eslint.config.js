// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// date-fns' index loads every one of its functions: a second of CPU at each start and in each test worker.
const dateFnsIndex = { name: 'date-fns', message: "Import the function from its own module, e.g. 'date-fns/addDays'." };

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', '**/dist/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      'no-restricted-imports': ['error', { paths: [dateFnsIndex] }],
    },
  },
  {
    // Domain packages stay pure: no HTTP, no SQL, no I/O.
    files: ['packages/clinical/**/*.ts', 'packages/planner/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [dateFnsIndex], patterns: ['fastify*', '@fastify/*', 'kysely*', 'pg', '@electric-sql/*', 'node:fs*', 'node:net', 'node:http*', '@homeward/server'] }],
    },
  },
  {
    // One way in (issue 12): domain code takes an actor or an access grant, never the HTTP request, so
    // a job, the CLI, the demo seeder or a FHIR call drives the same rules as a page. Only routes,
    // pages and the HTTP plumbing import Fastify.
    files: ['packages/server/src/**/*.ts'],
    ignores: [
      'packages/server/src/**/*-routes.ts',
      'packages/server/src/**/*-pages.ts',
      'packages/server/src/**/pages/**',
      'packages/server/src/app.ts',
      'packages/server/src/main.ts',
      // Each context's Fastify plugin, until its index.ts is only its public face.
      'packages/server/src/*/index.ts',
      // The HTTP plumbing: who is asking, errors, forms, once-only writes, pages.
      'packages/server/src/platform/actor.ts',
      'packages/server/src/platform/authentication.ts',
      'packages/server/src/platform/error-handler.ts',
      'packages/server/src/platform/form-body.ts',
      'packages/server/src/platform/form-files.ts',
      'packages/server/src/platform/idempotency.ts',
      'packages/server/src/platform/pages.ts',
      'packages/server/src/platform/request-context.ts',
      'packages/server/src/platform/validation.ts',
      'packages/server/src/platform/write-once.ts',
      'packages/server/src/platform/openapi.ts',
      'packages/server/src/platform/views.ts',
      // Forms held across a sign-in: cookies and replies, plumbing every page shares.
      'packages/server/src/platform/held-forms.ts',
      // Tests boot the app and speak HTTP to it.
      'packages/server/src/**/*.test.ts',
      // Route glue: the record or episode a request's URL names, found for the request's actor.
      'packages/server/src/record/record-route-helpers.ts',
      'packages/server/src/caseload/episode-route-helpers.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [dateFnsIndex],
          patterns: [{ group: ['fastify', 'fastify-plugin', '@fastify/*'], message: 'Domain code takes an Actor (platform/actor.ts) or an AccessGrant, not the HTTP request: only routes, pages and platform plumbing import Fastify.' }],
        },
      ],
    },
  },
  {
    // Unit and integration test files share their worker's modules (isolate: false, vitest.config.ts):
    // a module mock could miss a module an earlier file loaded, or leak into the files after it. Pass
    // the dependency in instead.
    files: ['packages/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='vi'][callee.property.name=/^(mock|doMock|unmock|stubGlobal|stubEnv)$/]", message: 'Test files share modules (isolate: false): pass the dependency in rather than mocking a module or a global.' },
      ],
    },
  },
);
