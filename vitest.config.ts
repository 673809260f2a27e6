import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['e2e/**/*.spec.ts', 'node_modules', 'dist'],
    environment: 'node',
    testTimeout: 20_000,
  },
})
