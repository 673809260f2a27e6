/**
 * Code that runs inside the app's page to time what a person sees: when rows are painted,
 * when a pane opens, how long frames take while scrolling. Elements are found the way the
 * e2e tests find them: a dialog by its title, rows by the status words in their cells.
 * Each function is self-contained, since Playwright sends it to the page as source text.
 */
import type { Page } from '@playwright/test'

export interface PaintTimes {
  /** performance.now() when job rows first appeared in the Job History pane, and when painted. */
  rowsAt?: number
  paintedAt?: number
}

/** Installed before any app script: records when Job History rows first reach the screen. */
export const watchHistoryRows = (statusWords: string[]) => {
  const w = window as unknown as { __benchRows: PaintTimes }
  w.__benchRows = {}
  const pane = () =>
    [...document.querySelectorAll('[role="dialog"]')].find(
      (d) =>
        document.getElementById(d.getAttribute('aria-labelledby') ?? '')?.textContent ===
        'Job History',
    )
  const hasRows = () =>
    // Table cells, native or ARIA (a virtualized list may render rows as divs).
    [...(pane()?.querySelectorAll('td, [role="cell"]') ?? [])].some((td) =>
      statusWords.includes(td.textContent ?? ''),
    )
  const observer = new MutationObserver(() => {
    if (w.__benchRows.rowsAt !== undefined || !hasRows()) return
    w.__benchRows.rowsAt = performance.now()
    observer.disconnect()
    // The frame after the one that paints them has begun once this timeout runs.
    requestAnimationFrame(() => setTimeout(() => (w.__benchRows.paintedAt = performance.now())))
  })
  observer.observe(document, { childList: true, subtree: true, characterData: true })
}

/** Arm a one-shot timer: from the next click's event time to the frame that shows job rows. */
export const armPaneOpenTimer = (page: Page, statusWords: string[]) =>
  page.evaluate((words) => {
    const w = window as unknown as { __benchOpen?: number }
    delete w.__benchOpen
    const hasRows = () =>
      [...document.querySelectorAll('[role="dialog"] :is(td, [role="cell"])')].some((td) =>
        words.includes(td.textContent ?? ''),
      )
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))
    document.addEventListener(
      'click',
      (e) => {
        const started = e.timeStamp
        void (async () => {
          // Up to 10 s of frames; a pane that never shows rows leaves the timer unset.
          for (let i = 0; i < 600; i++) {
            await frame()
            if (hasRows()) {
              w.__benchOpen = performance.now() - started
              return
            }
          }
        })()
      },
      { capture: true, once: true },
    )
  }, statusWords)

export const paneOpenMs = async (page: Page): Promise<number> => {
  const handle = await page.waitForFunction(
    () => (window as unknown as { __benchOpen?: number }).__benchOpen,
  )
  return Number(await handle.jsonValue())
}

/** Scroll the job table a fixed step per frame and return each frame's interval in ms. */
export const scrollFrames = (page: Page, frames: number, stepPx: number) =>
  page.evaluate(
    async ({ frames, stepPx }) => {
      const table = document.querySelector('[role="dialog"] :is(table, [role="table"])')
      let box = table?.parentElement ?? null
      while (box !== null && !(box.scrollHeight > box.clientHeight + 1)) box = box.parentElement
      if (box === null) throw new Error('the job table has nothing to scroll')
      const el = box
      const intervals: number[] = []
      let last = await new Promise<number>((r) => requestAnimationFrame(r))
      for (let i = 0; i < frames; i++) {
        el.scrollTop =
          el.scrollTop + stepPx >= el.scrollHeight - el.clientHeight ? 0 : el.scrollTop + stepPx
        const now = await new Promise<number>((r) => requestAnimationFrame(r))
        intervals.push(now - last)
        last = now
      }
      return { intervals, scrollHeight: el.scrollHeight }
    },
    { frames, stepPx },
  )

export interface StartupTimes {
  ollamaReadyAt?: number
  clickAt?: number
  onlineAt?: number
}

/**
 * Installed before any app script: when the Sell Compute pane says Ollama is "Ready" and when
 * it says "Online". On a tab's first load it presses Go Online the moment that button is
 * enabled; after a reload it leaves the app to go online by itself.
 */
export const watchStartup = () => {
  const click = sessionStorage.getItem('bench:visited') === null
  sessionStorage.setItem('bench:visited', '1')
  const w = window as unknown as { __benchStart: StartupTimes }
  w.__benchStart = {}
  const t = w.__benchStart
  const sell = () =>
    [...document.querySelectorAll('[role="dialog"]')].find(
      (d) =>
        document.getElementById(d.getAttribute('aria-labelledby') ?? '')?.textContent ===
        'Sell Compute',
    )
  const check = () => {
    const pane = sell()
    if (pane === undefined) return
    const ollama = pane.querySelector('[role="group"][aria-label="Ollama"]')
    if (t.ollamaReadyAt === undefined && ollama?.textContent?.includes('Ready')) {
      t.ollamaReadyAt = performance.now()
    }
    if (click && t.clickAt === undefined && t.ollamaReadyAt !== undefined) {
      const button = [...pane.querySelectorAll('button')].find(
        (b) => b.textContent === 'Go Online' && !b.disabled,
      )
      if (button !== undefined) {
        t.clickAt = performance.now()
        button.click()
      }
    }
    const online = [...pane.querySelectorAll('[role="status"]')].some(
      (s) => s.textContent === 'Online',
    )
    if (t.onlineAt === undefined && online) {
      t.onlineAt = performance.now()
      observer.disconnect()
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { childList: true, subtree: true, characterData: true })
}
