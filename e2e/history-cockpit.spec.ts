/**
 * Job History tells the seller what happened in words (issue 17, points 5, 6, 8 and 9): a
 * prompt in each row, one short npub that the customer filter takes back, figures and a
 * chart that follow the filters and agree, details in their own view, rows that hold still
 * while jobs stream in, and a table that is one Tab stop with arrow keys inside.
 */
import AxeBuilder from '@axe-core/playwright'
import { npubEncode } from 'nostr-tools/nip19'
import type { Locator, Page } from '@playwright/test'
import { shortNpub } from '../src/shared/customer-key.ts'
import { expect, test } from '../fixtures/test.ts'
import {
  countSeeded,
  seedCustomer,
  seedCustomerOf,
  seedId,
  seedJobs,
  seedPrompt,
  seedState,
  SEED_SPACING_MS,
} from '../fixtures/seed-jobs.ts'
import { goOnline, jobRows, openPane, pane } from '../fixtures/ui.ts'

const COUNT = 300
const fmt = (n: number) => n.toLocaleString('en')
const shortId = (i: number) => `${seedId(i).slice(0, 8)}…`
/** Where screenshots go when asked for (SHOTS_DIR); they are looked at, not committed. */
const SHOTS = process.env.SHOTS_DIR

const shot = async (page: Page, name: string) => {
  if (SHOTS === undefined) return
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: `${SHOTS}/${name}-${colorScheme}.png` })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

const seriousViolations = async (page: Page): Promise<string[]> => {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target).join(', ')}`)
}

const axeBothThemes = async (page: Page, where: string) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    expect(await seriousViolations(page), `${where}, ${colorScheme}`).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** Job History over a seeded history of COUNT jobs, the newest a minute ago. */
const seededHistory = async (app: Page): Promise<Locator> => {
  const history = await openPane(app, 'Job History')
  await expect(history.getByText('No jobs yet', { exact: false })).toBeVisible()
  await seedJobs(app, { count: COUNT, start: Date.now() - COUNT * SEED_SPACING_MS })
  await app.reload()
  const reopened = pane(app, 'Job History')
  await expect(reopened.getByRole('table')).toHaveAccessibleName(`${fmt(COUNT)} jobs, newest first`)
  return reopened
}

test('rows say what was asked, and the customer filter takes the npub as the table shows it', async ({
  app,
  pageErrors,
}) => {
  test.setTimeout(90_000)
  const history = await seededHistory(app)
  const table = history.getByRole('table')
  const newest = COUNT - 1
  const row = jobRows(history).filter({ has: app.getByRole('button', { name: shortId(newest) }) })
  // The prompt, as text (the seeded one carries markup that must not become HTML).
  await expect(row.getByRole('cell', { name: seedPrompt(newest) })).toBeVisible()
  await expect(row.locator('b')).toHaveCount(0)

  const customer = seedCustomer(seedCustomerOf(newest))
  const shown = shortNpub(customer)
  expect(shown).toMatch(/^npub1[a-z0-9]{5}…[a-z0-9]{4}$/)
  await expect(row.getByRole('cell', { name: shown })).toBeVisible()
  const theirs = countSeeded(COUNT, (i) => seedCustomerOf(i) === seedCustomerOf(newest))

  // What the screen shows, the whole npub, the hex key: the same customer each time.
  const box = history.getByRole('searchbox', { name: 'Customer' })
  await expect(box).toHaveAccessibleDescription(/an npub \(a Nostr public key/)
  for (const typed of [shown, shown.replace('…', '...'), npubEncode(customer), customer]) {
    await box.fill(typed)
    await expect(table, typed).toHaveAccessibleName(`${fmt(theirs)} jobs, newest first`)
    await expect(box).toHaveAttribute('aria-invalid', 'false')
  }
  await box.fill('npub1nothing')
  await expect(box).toHaveAttribute('aria-invalid', 'true')
  await expect(history.getByText('shortened as shown', { exact: false })).toBeVisible()
  await box.fill('')
  expect(pageErrors).toEqual([])
})

test('the figures and the chart follow the filters and tell the same numbers', async ({
  app,
  pageErrors,
}) => {
  test.setTimeout(90_000)
  await app.setViewportSize({ width: 1400, height: 900 })
  const history = await seededHistory(app)
  const figures = history.getByLabel('Job counts')
  const chart = history.getByRole('figure', { name: 'Jobs and sats earned over time' })
  const agree = async (jobs: number, sats: number, completed: number) => {
    await expect(figures).toContainText(`Jobs${fmt(jobs)}`)
    await expect(figures).toContainText(`Completed${fmt(completed)}`)
    await expect(figures).toContainText(`Sats earned${fmt(sats)}`)
    await expect(chart).toContainText(`${fmt(jobs)} jobs and ${fmt(sats)} sats earned since`)
    await expect(chart).toContainText('bars per hour')
  }
  const completed = countSeeded(COUNT, (i) => seedState(i) === 'completed')
  await agree(COUNT, completed * 21, completed)
  await shot(app, 'history-1400')

  const c = seedCustomerOf(COUNT - 1)
  await history.getByRole('searchbox', { name: 'Customer' }).fill(shortNpub(seedCustomer(c)))
  const theirs = countSeeded(COUNT, (i) => seedCustomerOf(i) === c)
  const theirsDone = countSeeded(
    COUNT,
    (i) => seedCustomerOf(i) === c && seedState(i) === 'completed',
  )
  await agree(theirs, theirsDone * 21, theirsDone)
  await expect(history.getByText('Figures for the jobs these filters match.')).toBeVisible()

  await history.getByRole('combobox', { name: 'Status' }).selectOption('failed')
  const theirFailed = countSeeded(
    COUNT,
    (i) => seedCustomerOf(i) === c && seedState(i) === 'failed',
  )
  await agree(theirFailed, 0, 0)
  await expect(history.getByRole('table')).toHaveAccessibleName(
    `${fmt(theirFailed)} jobs, newest first`,
  )

  // The chart closed, the figures still follow the filters.
  await history.getByRole('button', { name: 'Chart' }).click()
  await expect(chart).toBeHidden()
  await expect(figures).toContainText(`Jobs${fmt(theirFailed)}`)
  expect(pageErrors).toEqual([])
})

test('job details open in their own view, close with Escape before the pane, and fit a phone', async ({
  app,
  pageErrors,
}) => {
  test.setTimeout(120_000)
  await app.setViewportSize({ width: 1400, height: 900 })
  const history = await seededHistory(app)
  const table = history.getByRole('table')
  const job = COUNT - 1
  const button = table.getByRole('button', { name: shortId(job) })
  await button.click()
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  const details = history.getByRole('region', { name: `Job ${seedId(job).slice(0, 8)}` })
  await expect(
    details.getByRole('heading', { name: `Job ${seedId(job).slice(0, 8)}` }),
  ).toBeVisible()
  await expect(details.getByText(seedPrompt(job), { exact: true })).toBeVisible()
  await expect(details).toContainText(`Customer${npubEncode(seedCustomer(seedCustomerOf(job)))}`)
  // A view of its own, as tall as the pane's content, not a box inside the table.
  const height = (await details.boundingBox())?.height ?? 0
  const tableHeight = (await table.locator('..').boundingBox())?.height ?? 0
  expect(height).toBeGreaterThan(tableHeight)
  await axeBothThemes(app, 'Job History with details')
  await shot(app, 'history-details-1400')

  // Escape closes the innermost thing: the details, then the pane.
  await details.getByRole('button', { name: 'Close job details' }).focus()
  await app.keyboard.press('Escape')
  await expect(details).toBeHidden()
  await expect(history).toBeVisible()
  await expect(button).toBeFocused()
  await expect(button).toHaveAttribute('aria-expanded', 'false')

  // A phone: Status and Sats stay in view; the details cover the table, full height.
  await app.setViewportSize({ width: 390, height: 844 })
  const viewport = 390
  for (const name of ['Status', 'Sats', 'Job', 'Time']) {
    const header = table.getByRole('columnheader', { name, exact: true })
    await expect(header).toBeVisible()
    const box = await header.boundingBox()
    expect((box?.x ?? 0) + (box?.width ?? 0), name).toBeLessThanOrEqual(viewport)
  }
  await expect(jobRows(history).first()).toBeVisible()
  // The prompt still in the row, under the job id.
  await expect(jobRows(history).first()).toContainText(seedPrompt(job))
  await expect(
    jobRows(history).first().getByText(seedPrompt(job)).filter({ visible: true }),
  ).toBeVisible()
  await history.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await shot(app, 'history-390')
  await button.click()
  await expect(details).toBeVisible()
  await history.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  const phoneBox = await details.boundingBox()
  expect(phoneBox?.width ?? 0).toBeGreaterThan(300)
  await axeBothThemes(app, 'Job History with details at phone width')
  await shot(app, 'history-details-390')
  await details.getByRole('button', { name: 'Close job details' }).click()
  await expect(details).toBeHidden()
  expect(pageErrors).toEqual([])
})

test('the job table is one Tab stop: arrows, Home and End move, Enter opens, Escape closes', async ({
  app,
  pageErrors,
}) => {
  test.setTimeout(90_000)
  const history = await seededHistory(app)
  const table = history.getByRole('table')
  const sort = history.getByRole('button', { name: 'Time', exact: true })
  await sort.focus()
  await app.keyboard.press('Tab')
  const first = table.getByRole('button', { name: shortId(COUNT - 1) })
  await expect(first).toBeFocused()
  // One more Tab leaves the table, however many rows it has.
  await app.keyboard.press('Tab')
  expect(await table.evaluate((t) => t.contains(document.activeElement))).toBe(false)
  await app.keyboard.press('Shift+Tab')
  await expect(first).toBeFocused()

  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('ArrowDown')
  await expect(table.getByRole('button', { name: shortId(COUNT - 3) })).toBeFocused()
  await app.keyboard.press('ArrowUp')
  await expect(table.getByRole('button', { name: shortId(COUNT - 2) })).toBeFocused()
  await app.keyboard.press('End')
  await expect(table.getByRole('button', { name: shortId(0) })).toBeFocused()
  await app.keyboard.press('Home')
  await expect(first).toBeFocused()

  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('Enter')
  const details = history.getByRole('region', { name: `Job ${seedId(COUNT - 2).slice(0, 8)}` })
  await expect(details).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(details).toBeHidden()
  await expect(table.getByRole('button', { name: shortId(COUNT - 2) })).toBeFocused()
  // Nothing left open inside: the next Escape closes the pane.
  await app.keyboard.press('Escape')
  await expect(history).toBeHidden()
  expect(pageErrors).toEqual([])
})

test('Escape cancels a confirmation before it closes the pane', async ({ app, ollama }) => {
  const models = await openPane(app, 'Models')
  const name = ollama.models()[0]?.name ?? ''
  await models.getByRole('button', { name: `Delete ${name}` }).click()
  const confirm = models.getByRole('group', { name: `Delete ${name} from Ollama?` })
  await expect(confirm).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(confirm).toBeHidden()
  await expect(models).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(models).toBeHidden()
})

test('rows hold still while new jobs stream in: they wait behind "Show N new jobs"', async ({
  app,
  customer,
  pageErrors,
}) => {
  test.setTimeout(90_000)
  await goOnline(app)
  const history = await openPane(app, 'Job History')
  const table = history.getByRole('table')
  const first = await customer.sendRequest({ prompt: 'The first job' })
  await customer.waitForResult(first.id, 20_000)
  await expect(table).toHaveAccessibleName('1 jobs, newest first')
  const chart = history.getByRole('figure', { name: 'Jobs and sats earned over time' })
  await expect(chart).toContainText('1 jobs and 0 sats earned')
  const row = table.getByRole('button', { name: `${first.id.slice(0, 8)}…` })
  // The person is on the row (the pointer over it): it must not move.
  await row.hover()
  const before = await row.boundingBox()
  const more = await Promise.all(
    ['Second', 'Third'].map((p) => customer.sendRequest({ prompt: `${p} job` })),
  )
  for (const r of more) await customer.waitForResult(r.id, 20_000)
  const showNew = history.getByRole('button', { name: 'Show 2 new jobs' })
  await expect(showNew).toBeVisible()
  await expect(table).toHaveAccessibleName('1 jobs, newest first')
  expect(await row.boundingBox()).toEqual(before)
  await showNew.click()
  await expect(table).toHaveAccessibleName('3 jobs, newest first')
  await expect(jobRows(history)).toHaveCount(3)

  // One form of the customer: the Log names them as Job History shows them.
  const shown = shortNpub(customer.pubkey)
  await expect(jobRows(history).first().getByRole('cell', { name: shown })).toBeVisible()
  const log = await openPane(app, 'Log')
  await expect(log.getByRole('list', { name: 'Log entries' })).toContainText(
    `${first.id.slice(0, 8)} accepted from ${shown}`,
  )
  await expect(log.getByRole('list', { name: 'Log entries' })).not.toContainText(
    customer.pubkey.slice(0, 8),
  )
  // The Nostr words its lines use, explained below them.
  await expect(log.getByRole('list', { name: 'Log entries' })).toHaveAccessibleDescription(
    /npub: a Nostr public key.*NIP-89: the Nostr announcement that tells customers this provider exists/,
  )
  expect(pageErrors).toEqual([])
})

test('jargon is explained where it is shown: CORS when Ollama refuses this page', async ({
  app,
  ollama,
}) => {
  const sell = await openPane(app, 'Sell Compute')
  const line = sell.getByRole('group', { name: 'Ollama' })
  await expect(line).toContainText('Ready')
  ollama.setNoCors(true)
  await line.getByRole('button', { name: 'Check Ollama again' }).click()
  await expect(line).toContainText('Blocked by CORS')
  await expect(line).toHaveAccessibleDescription(
    /^CORS: the browser's rule that a page may only call a server/,
  )
  await shot(app, 'sell-cors-1280')
})

test('jargon is explained where it is shown: nsec and NIP-89 in Settings', async ({ app }) => {
  await app.setViewportSize({ width: 1400, height: 900 })
  const settings = await openPane(app, 'Settings')
  await expect(settings.getByRole('textbox', { name: 'Import nsec' })).toHaveAccessibleDescription(
    /^nsec: a Nostr secret key: whoever has it can act as this provider/,
  )
  await expect(
    settings.getByRole('group', { name: 'Provider profile' }),
  ).toHaveAccessibleDescription(
    /NIP-89: the Nostr announcement that tells customers this provider exists/,
  )
  await settings.getByRole('group', { name: 'Provider profile' }).scrollIntoViewIfNeeded()
  await shot(app, 'settings-jargon-1400')
})

test('the Log at both sizes, its Nostr words explained', async ({ app, customer }) => {
  await app.setViewportSize({ width: 1400, height: 900 })
  await goOnline(app)
  const request = await customer.sendRequest({ prompt: 'Hello' })
  await customer.waitForResult(request.id, 20_000)
  const log = await openPane(app, 'Log')
  const lines = log.getByRole('list', { name: 'Log entries' })
  await expect(lines).toContainText(`accepted from ${shortNpub(customer.pubkey)}`)
  await expect(log.getByText(/^npub: a Nostr public key/)).toBeVisible()
  await axeBothThemes(app, 'Log')
  await shot(app, 'log-1400')
  await app.setViewportSize({ width: 390, height: 844 })
  await log.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await shot(app, 'log-390')
})
