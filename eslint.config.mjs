// ESLint over the project's own code: typescript-eslint's recommended type-checked rules for the
// TypeScript in src/ and test/ (typed through tsconfig.json), and the recommended rules for the plain
// JavaScript build, test and benchmark scripts. `npm test` runs it and counts any warning as a failure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.artifacts/**', 'test/fixtures/**', '*.vsix'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // Promise-returning interfaces (the prompter, stores, tree sources, tool and MCP handlers) are often
      // met by bodies with nothing to await; `async` keeps their throws as rejections, which callers await.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a value left unused on purpose (a key dropped by destructuring).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node, ...globals.browser }, sourceType: 'module', ecmaVersion: 2024 },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }] },
  },
);
