import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Layers (docs/ARCHITECTURE.md): src/server → use cases (src/<feature>/) → src/db → src/domain.
 * Each layer imports only downward. `no-restricted-imports` sees the import's text, not the file it
 * names, so a layer's rule is written once per folder depth: from a file k folders below src/,
 * `'../'.repeat(k)` is src/ itself. Tests are exempt (they build whole apps), and so are the
 * composition roots (src/main.ts, src/cli, src/seed, src/testing), which wire every layer together.
 */
const MAX_DEPTH = 6;
const up = (k) => (k === 0 ? '\\./' : `(\\.\\./){${k}}`);
/** `files` globs for the files exactly k folders below `base` (k = 0: its own files). */
const atDepth = (base, k) => [`${base}/${'*/'.repeat(k)}*.ts`, `${base}/${'*/'.repeat(k)}*.tsx`];
/** One config block per depth: `patternsAt(k)` gives the rule's patterns for a file k folders below src/. */
const perDepth = (base, baseDepth, patternsAt, ignores = []) =>
  Array.from({ length: MAX_DEPTH }, (_, j) => ({
    files: atDepth(base, j),
    ignores: ['**/*.test.ts', ...ignores],
    rules: { 'no-restricted-imports': ['error', { patterns: patternsAt(baseDepth + j) }] },
  }));

const DOMAIN_PACKAGES = {
  group: ['fastify', 'fastify-*', '@fastify/*', 'drizzle-orm', 'drizzle-orm/*', 'pg', 'pg-*', '@electric-sql/*'],
  message: 'src/domain 是纯领域层：不引用驱动或框架（Domain code is pure: no driver or framework).',
};

/** src/domain imports nothing outside src/domain. */
const domainLayer = (k) => [
  DOMAIN_PACKAGES,
  { regex: `^${up(k)}`, message: 'src/domain imports only src/domain (layers: server → use cases → db → domain).' },
];
/** src/db imports src/db, src/domain and the documents' model types only. */
const dbLayer = (k) => [
  { regex: `^${up(k)}(?!(db|domain|documents/model)(/|$))`, message: 'src/db imports only src/db, src/domain and src/documents/model (layers: server → use cases → db → domain).' },
];
/** A use case never imports src/server: the route calls the use case, not the other way round. */
const useCaseLayer = (k) => [
  { regex: `^${up(k)}server(/|$)`, message: 'Use cases never import src/server (layers: server → use cases → db → domain); move what both need below the server.' },
];

/** Folders of src/ that are not use cases: the layers with their own rule, and the composition roots. */
const NOT_USE_CASES = ['server', 'db', 'domain', 'cli', 'seed', 'testing'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'drizzle/', 'scratch/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      // Domain code must not reach for the system clock: every "now" comes from the injected Clock.
    },
  },
  ...perDepth('src/domain', 1, domainLayer),
  ...perDepth('src/db', 1, dbLayer),
  // use cases: every folder of src/ but the ones above (ignored by name at every depth), and src/*.ts but main.ts
  ...perDepth('src/*', 1, useCaseLayer, NOT_USE_CASES.flatMap((f) => [`src/${f}/**`])),
  { files: ['src/*.ts'], ignores: ['src/main.ts', '**/*.test.ts'], rules: { 'no-restricted-imports': ['error', { patterns: useCaseLayer(0) }] } },
);
