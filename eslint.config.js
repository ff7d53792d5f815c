// ESLint 9 flat config. Type-aware rules run on src/ only, so `npm run lint` stays fast.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Anything that turns a string into markup. Token texts are user input: render them as text. */
const RAW_HTML_SINKS = 'innerHTML|outerHTML|insertAdjacentHTML';
const noRawHtml = [
  'error',
  {
    selector: `MemberExpression[property.name=/^(${RAW_HTML_SINKS})$/]`,
    message: 'Raw HTML sinks are forbidden: set textContent or render text with React.',
  },
  {
    selector: `MemberExpression[computed=true][property.value=/^(${RAW_HTML_SINKS})$/]`,
    message: 'Raw HTML sinks are forbidden: set textContent or render text with React.',
  },
  {
    selector: "MemberExpression[object.name='document'][property.name=/^(write|writeln)$/]",
    message: 'document.write is forbidden.',
  },
  {
    selector: "CallExpression[callee.property.name='html'][arguments.length>0]",
    message: "d3's selection.html() writes raw HTML: use .text().",
  },
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'dangerouslySetInnerHTML is forbidden: render text with React.',
  },
  {
    selector: "Property[key.name='dangerouslySetInnerHTML']",
    message: 'dangerouslySetInnerHTML is forbidden: render text with React.',
  },
];

const unusedVars = [
  'error',
  {
    args: 'after-used',
    argsIgnorePattern: '^_',
    varsIgnorePattern: '^_',
    caughtErrorsIgnorePattern: '^_',
    destructuredArrayIgnorePattern: '^_',
  },
];

export default defineConfig(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'public/',
      'data/',
      'test-results/',
      'playwright-report/',
      'coverage/',
      'tmp/',
      '.vite/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-syntax': noRawHtml,
      '@typescript-eslint/no-unused-vars': unusedVars,
    },
  },
  // The app: browser and worker code, type-aware.
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: { ...globals.browser, ...globals.worker },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': unusedVars,
    },
  },
  {
    files: ['src/**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },
  // Node side: configs, scripts, tests.
  {
    files: [
      '*.{js,mjs,cjs,ts}',
      'scripts/**/*.{js,mjs,ts}',
      'tests/**/*.{ts,tsx}',
      '.ci/**/*.{js,mjs}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
