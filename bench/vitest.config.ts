import { defineConfig } from 'vitest/config'

/** The bench's own unit tests (its pure helpers), run by `npm run bench:smoke`. */
export default defineConfig({
  // The project's cache, not a node_modules/ inside bench/.
  cacheDir: '../node_modules/.vite',
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
  },
})
