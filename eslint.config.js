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
);
