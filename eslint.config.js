// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/** The house rule: ui and worker meet only through shared; shared touches no I/O. */
const boundary = (/** @type {string[]} */ forbidden, /** @type {string} */ message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }],
})

export default tseslint.config(
  { ignores: ['dist', 'dev-dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...boundary(
        ['**/worker/**', '*/worker/*'],
        'The UI talks to the worker only through src/shared/worker-api.ts.',
      ),
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: boundary(['**/ui/**'], 'The worker never imports UI code; publish an event instead.'),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      ...boundary(
        [
          '**/ui/**',
          '**/worker/**',
          'idb',
          'ollama',
          'ollama/*',
          'comlink',
          'ws',
          'react',
          'react-dom',
          'jotai',
          'nostr-tools/relay',
          'nostr-tools/pool',
          'nostr-tools/abstract-relay',
          'nostr-tools/abstract-pool',
        ],
        'src/shared is pure: no I/O, no UI, no worker.',
      ),
      'no-restricted-globals': [
        'error',
        ...[
          'fetch',
          'WebSocket',
          'indexedDB',
          'localStorage',
          'sessionStorage',
          'window',
          'document',
          'navigator',
          'XMLHttpRequest',
          'self',
        ].map((name) => ({
          name,
          message: 'src/shared is pure: do I/O in the worker or the UI.',
        })),
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**', 'fixtures/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
)
