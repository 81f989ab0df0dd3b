// @ts-check
// The dependency rules in ARCHITECTURE.md ("The public face of a context"), checked by `npm run depcheck`
// in CI (.ci/run). dependency-cruiser resolves the .ts import specifiers through tsconfig.json.
const contexts = '(patients|referrals|caseload|record|access|audit|staff|visits|lone-working|home|equipment|people|mdt|safety|reports|fhir)';
const src = '^packages/server/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'deep-import-into-context',
      comment: 'Outside its own folder, a context is used only through its public face, <context>/public.ts.',
      severity: 'error',
      from: { path: `${src}([^/]+)/|${src}[^/]+\\.ts$`, pathNot: `${src}app\\.ts$` },
      to: { path: `${src}${contexts}/`, pathNot: [`${src}$1/`, `${src}${contexts}/public\\.ts$`] },
    },
    {
      name: 'context-plugin-only-from-app',
      comment: "A context's Fastify plugin (<context>/index.ts) is registered by app.ts, and imported by nothing else.",
      severity: 'error',
      from: { pathNot: `${src}app\\.ts$` },
      to: { path: `${src}${contexts}/index\\.ts$` },
    },
    {
      name: 'no-module-cycle',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-context-cycle',
      comment: 'Contexts (folders) depend on one another one way only: the order is in ARCHITECTURE.md.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-depends-on-no-context',
      comment: 'platform/ and db/ are the shared infrastructure every context builds on; they know no context.',
      severity: 'error',
      from: { path: `${src}(platform|db)/` },
      to: { path: `${src}`, pathNot: [`${src}(platform|db)/`, `${src}config\\.ts$`] },
    },
    {
      name: 'pure-packages-no-io',
      comment: 'packages/clinical and packages/planner hold rules and the optimiser: no I/O and never the server (the planner CLI aside).',
      severity: 'error',
      from: { path: '^packages/(clinical|planner)/', pathNot: '^packages/planner/src/cli/' },
      to: {
        path: [
          '^packages/server/',
          '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|cluster|sqlite)$',
          '^node_modules/(fastify|fastify-plugin|@fastify/[^/]+|kysely|pg|@electric-sql/[^/]+)/',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests prove a context from inside and may reach its internals; they are outside these rules.
    exclude: { path: ['\\.test\\.ts$', '^packages/server/test/', '^packages/server/src/test-support/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports are dependencies too: a type from another context's internals is a deep import.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
