/**
 * Run before the browser tests (`npm test`, `npm run test:e2e`, `npm run bench:smoke`): make
 * sure a Chromium is there to run them in, so a fresh clone needs no set-up step.
 * - /usr/bin/chromium exists (CI here, Debian's `chromium` package): do nothing at all, no
 *   network; playwright.config.ts launches it.
 * - else Playwright's own Chromium is installed: do nothing.
 * - else download it once with `playwright install chromium` (into Playwright's cache).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { SYSTEM_CHROMIUM } from './system-chromium.ts'

export type BrowserChoice = 'system' | 'playwright' | 'install'

export interface Probe {
  exists: (path: string) => boolean
  /** Where Playwright's own Chromium would be; only asked when there is no system one. */
  playwrightChromium: () => Promise<string>
}

export const chooseBrowser = async (probe: Probe): Promise<BrowserChoice> => {
  if (probe.exists(SYSTEM_CHROMIUM)) return 'system'
  return probe.exists(await probe.playwrightChromium()) ? 'playwright' : 'install'
}

const main = async () => {
  const choice = await chooseBrowser({
    exists: existsSync,
    // Imported only here: with a system Chromium, Playwright is not even loaded.
    playwrightChromium: async () => (await import('@playwright/test')).chromium.executablePath(),
  })
  if (choice !== 'install') return
  console.log(`No ${SYSTEM_CHROMIUM} and no Playwright Chromium: installing Playwright's own.`)
  const run = spawnSync('npx', ['playwright', 'install', 'chromium'], {
    stdio: 'inherit',
    // npx is a .cmd script on Windows.
    shell: process.platform === 'win32',
  })
  if (run.status !== 0) {
    console.error(
      'Could not install Chromium for the browser tests. Install it yourself: ' +
        '`npx playwright install chromium` (on a bare Linux also `npx playwright install-deps ' +
        "chromium`), or Debian's `apt-get install chromium`.",
    )
    process.exit(run.status ?? 1)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
