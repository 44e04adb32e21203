// ESLint flat config: typescript-eslint with type information (so rules such as no-floating-promises can see
// which calls return promises), for the server (tsconfig.check.json) and the web client (web/tsconfig.json).
// Part of `npm test` (after the type check); no rule is disabled except the commented exceptions below.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'coverage/**', '.tap/**', 'migrations/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.check.json', './web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // tap queues a subtest itself (`t.test(...)` need not be awaited; tap runs them in order and fails the
      // parent on a rejected one), so its promise is known to be safe to leave floating.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', name: 'test', package: '@tapjs/test' }] }],
      // Preact event handlers may be async: the returned promise is ignored by design (errors are caught inside).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Exception: Fastify plugins and hooks and tap subtests are async by contract (resolving signals done),
      // with or without an await inside; the promise rules above catch the mistakes that matter.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The rule of the house: no console.log in src/ (pino logger instead).
      'no-console': 'error',
    },
  },
  // Tests, benchmarks and scripts print and may use console.
  { files: ['tests/**', 'bench/**', 'scripts/**'], rules: { 'no-console': 'off' } },
  // Tests read responses through light-my-request's `res.json()`, typed `any` on purpose: the checks
  // themselves pin the shapes, so the no-unsafe-* family would only ask for casts.
  {
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Plain JavaScript scripts carry no types to check; they run on Node.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
);
