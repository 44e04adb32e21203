// ESLint flat config: typescript-eslint with type information (so rules such as no-floating-promises can see
// which calls return promises), for the server (tsconfig.check.json) and the web client (web/tsconfig.json).
// Not part of `npm test` yet: run `npm run lint` (see README, Development).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'coverage/**', '.tap/**', 'migrations/**'] },
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
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The rule of the house: no console.log in src/ (pino logger instead).
      'no-console': 'error',
    },
  },
  // Tests, benchmarks and scripts print and may use console.
  { files: ['tests/**', 'bench/**', 'scripts/**'], rules: { 'no-console': 'off' } },
  // Plain JavaScript scripts carry no types to check; they run on Node.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
);
