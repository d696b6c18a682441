// ESLint (flat config). `npm run lint` runs it with --max-warnings 0, then `prettier --check .` and `depcruise src`.
// Rules: eslint recommended + typescript-eslint recommended everywhere, the React hooks rules for the web apps.
// No type-aware rules: they take ~50 s on the 2-core machines and report thousands of `any`-flow findings in tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

export default defineConfig(
  // Build output (vite → dist/web, tsc → dist/server, dist/cli, …), the local data directory, browser-test artefacts.
  { ignores: ['dist/', 'data/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { secret: _secret, ...rest } = x` drops a field on purpose; `_x` marks an unused parameter.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A bare `catch {}` is this code's way to say "best effort, ignore the failure".
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Chinese documents use the ideographic space (U+3000) between fields, in template literals and JSX text.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat.recommended,
  },
);
