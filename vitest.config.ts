import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'fixtures/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['e2e/**/*.spec.ts', 'node_modules', 'dist'],
    environment: 'node',
    testTimeout: 20_000,
  },
})
