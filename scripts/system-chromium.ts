/** Debian's Chromium: used for every browser test when present (Playwright cannot download here). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium'
