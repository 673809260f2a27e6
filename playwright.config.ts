import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'
// Playwright cannot download its browsers on these machines; Debian's Chromium works. Where
// there is none, scripts/ensure-browser.ts installs Playwright's own before the tests.
import { SYSTEM_CHROMIUM } from './scripts/system-chromium.ts'
const isCI = Boolean(process.env.CI)

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  forbidOnly: isCI,
  workers: 2,
  retries: isCI ? 1 : 0,
  reporter: 'list',
  // Each test starts its own relay and fake Ollama; the whole suite takes about 7 to 8 min.
  // The ceiling has room for a slower browser: Chromium 150 seeds the 100,000-job spec's
  // IndexedDB at about 450 jobs/s where 156 did 2,500, and that one spec then takes 4 to 5 min.
  timeout: 45_000,
  globalTimeout: 12 * 60_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    launchOptions: {
      ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
})
