import { describe, expect, it } from 'vitest'
import { chooseBrowser } from './ensure-browser.ts'
import { SYSTEM_CHROMIUM } from './system-chromium.ts'

const PLAYWRIGHT = '/cache/ms-playwright/chromium-1/chrome'

const probe = (present: string[]) => {
  const asked: string[] = []
  return {
    asked,
    exists: (path: string) => present.includes(path),
    playwrightChromium: async () => {
      asked.push('playwright')
      return PLAYWRIGHT
    },
  }
}

describe('chooseBrowser', () => {
  it('uses the system Chromium without even asking Playwright', async () => {
    const p = probe([SYSTEM_CHROMIUM, PLAYWRIGHT])
    expect(await chooseBrowser(p)).toBe('system')
    expect(p.asked).toEqual([])
  })

  it("uses Playwright's Chromium when it is installed and there is no system one", async () => {
    expect(await chooseBrowser(probe([PLAYWRIGHT]))).toBe('playwright')
  })

  it('installs only when neither is there', async () => {
    expect(await chooseBrowser(probe([]))).toBe('install')
  })
})
