/**
 * Job History at scale: 100,000 jobs seeded into the app's own database open, scroll,
 * filter, show a job's details and export, without loading the history into the page.
 */
import { readFile } from 'node:fs/promises'
import { npubEncode } from 'nostr-tools/nip19'
import type { Page } from '@playwright/test'
import { STATUS_WORDS } from '../src/shared/job-state.ts'
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
import { jobRows, jobRowsWith, openPane, pane } from '../fixtures/ui.ts'

const COUNT = 100_000
const fmt = (n: number) => n.toLocaleString('en')
/** When (ms since the page loaded) a cell with a status word, a job row, was first drawn. */
const firstJobRowAt = (page: Page): Promise<number> =>
  page.evaluate(
    (words) =>
      new Promise<number>((resolve) => {
        const shown = () =>
          [...document.querySelectorAll('td')].some((td) => words.includes(td.textContent ?? ''))
        const look = () => (shown() ? resolve(performance.now()) : requestAnimationFrame(look))
        look()
      }),
    Object.values(STATUS_WORDS),
  )

/** The Job column shows the first 8 characters of the id. */
const shortId = (i: number) => `${seedId(i).slice(0, 8)}…`

test('100,000 jobs: Job History opens fast, scrolls, filters, shows details and exports', async ({
  app,
  pageErrors,
}) => {
  // Seeding is the fixture, not what is tested, and its speed is the browser's IndexedDB: the
  // machines with Chromium 156 wrote about 2,500 jobs/s, this one with Chromium 150 about 400
  // to 470 (100,000 in 3.5 to 4.5 minutes on 2 shared cores, which left the rest of a 240 s
  // budget nothing). So it has its own allowance, and what follows keeps the 240 s it had.
  const startedAt = Date.now()
  test.setTimeout(240_000 + 360_000)
  // The app has made its database once the (empty) history has answered.
  let history = await openPane(app, 'Job History')
  await expect(history.getByText('No jobs yet', { exact: false })).toBeVisible()

  const start = Date.now() - COUNT * SEED_SPACING_MS
  const seedMs = await seedJobs(app, { count: COUNT, start })
  console.log(
    `seeded ${fmt(COUNT)} jobs in ${Math.round(seedMs)} ms (${fmt(Math.round(COUNT / (seedMs / 1000)))} jobs/s)`,
  )
  test.setTimeout(Date.now() - startedAt + 240_000)

  // Cold: the pane is open across a reload, so this includes the app and its engine starting.
  await app.reload()
  history = pane(app, 'Job History')
  const coldMs = await firstJobRowAt(app)
  await expect(jobRows(history).first()).toBeVisible()
  await expect(history.getByRole('table')).toHaveAccessibleName(`${fmt(COUNT)} jobs, newest first`)

  // Warm: close it, open it again from the hotbar.
  await history.getByRole('button', { name: 'Close Job History' }).click()
  await expect(history).toBeHidden()
  const button = app
    .getByRole('toolbar', { name: 'Hotbar' })
    .getByRole('button', { name: 'Job History', exact: true })
  await button.evaluate((b) =>
    b.addEventListener(
      'click',
      () => b.setAttribute('data-clicked-at', String(performance.now())),
      {
        once: true,
      },
    ),
  )
  await button.click()
  const shownAt = await firstJobRowAt(app)
  const warmMs = shownAt - Number(await button.getAttribute('data-clicked-at'))
  history = await openPane(app, 'Job History')
  console.log(
    `Job History with ${fmt(COUNT)} jobs: first rows ${Math.round(coldMs)} ms after navigation ` +
      `(reload), ${Math.round(warmMs)} ms after clicking Job History`,
  )

  await expect(history.getByLabel('Job counts')).toContainText(`Jobs${fmt(COUNT)}`)
  const completed = countSeeded(COUNT, (i) => seedState(i) === 'completed')
  await expect(history.getByLabel('Job counts')).toContainText(`Completed${fmt(completed)}`)
  await expect(history.getByLabel('Job counts')).toContainText(`Sats earned${fmt(completed * 21)}`)
  await expect(
    history.getByRole('figure', { name: 'Jobs and sats earned over time' }),
  ).toContainText(`${fmt(COUNT)} jobs and ${fmt(completed * 21)} sats earned`)

  // Newest first; only a screenful of rows is in the page, not 100,000.
  const table = history.getByRole('table')
  await expect(table.getByRole('button', { name: shortId(COUNT - 1) })).toBeVisible()
  expect(await jobRows(history).count()).toBeLessThan(100)

  const scrollTo = (where: 'top' | 'bottom') =>
    table.evaluate((el, w) => {
      const scroller = el.parentElement!
      scroller.scrollTop = w === 'top' ? 0 : scroller.scrollHeight
    }, where)
  const scrolledAt = Date.now()
  await scrollTo('bottom')
  await expect(table.getByRole('button', { name: shortId(0) })).toBeVisible()
  console.log(`scrolled to the oldest job in ${Date.now() - scrolledAt} ms`)
  await scrollTo('top')
  await expect(table.getByRole('button', { name: shortId(COUNT - 1) })).toBeVisible()

  // Sort by time: oldest first.
  await history.getByRole('button', { name: 'Time', exact: true }).click()
  await expect(table).toHaveAccessibleName(`${fmt(COUNT)} jobs, oldest first`)
  await expect(table.getByRole('button', { name: shortId(0) })).toBeVisible()
  await history.getByRole('button', { name: 'Time', exact: true }).click()

  // Filter by status, then by customer too.
  await history.getByRole('combobox', { name: 'Status' }).selectOption('failed')
  const failed = countSeeded(COUNT, (i) => seedState(i) === 'failed')
  await expect(table).toHaveAccessibleName(`${fmt(failed)} jobs, newest first`)
  await expect(jobRowsWith(history, 'failed').first()).toBeVisible()
  expect(await jobRowsWith(history, 'failed').count()).toBe(await jobRows(history).count())

  const customer = seedCustomerOf(COUNT - 1)
  const customerHex = seedCustomer(customer)
  await history.getByRole('searchbox', { name: 'Customer' }).fill(npubEncode(customerHex))
  const theirFailed = countSeeded(
    COUNT,
    (i) => seedState(i) === 'failed' && seedCustomerOf(i) === customer,
  )
  await expect(table).toHaveAccessibleName(`${fmt(theirFailed)} jobs, newest first`)
  await history.getByRole('combobox', { name: 'Status' }).selectOption('')
  const theirs = countSeeded(COUNT, (i) => seedCustomerOf(i) === customer)
  await expect(table).toHaveAccessibleName(`${fmt(theirs)} jobs, newest first`)

  // The newest of theirs is job COUNT - 1: its details, with untrusted text as text.
  const newest = table.getByRole('button', { name: shortId(COUNT - 1) })
  await newest.click()
  await expect(newest).toHaveAttribute('aria-expanded', 'true')
  // The details open in their own view beside (or over) the table, named after the job.
  const details = history.getByRole('region', { name: `Job ${seedId(COUNT - 1).slice(0, 8)}` })
  await expect(details.getByText(seedPrompt(COUNT - 1), { exact: true })).toBeVisible()
  await expect(details.locator('b')).toHaveCount(0)
  await expect(details).toContainText('Timeline')
  await expect(details).toContainText('Generation')
  await expect(details).toContainText(`Customer${npubEncode(customerHex)}`)

  // Export what the filter shows (the details, over the table in a pane this narrow, closed).
  await details.getByRole('button', { name: 'Close job details' }).click()
  const downloading = app.waitForEvent('download')
  await history.getByRole('button', { name: 'Export CSV' }).click()
  const file = await downloading
  expect(file.suggestedFilename()).toMatch(/^sell-compute-jobs-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = (await readFile(await file.path(), 'utf8')).split('\r\n').filter((l) => l !== '')
  expect(csv[0]).toBe(
    'Time,Job,Customer,Model,Status,Price (sats),Paid (sats),Prompt tokens,Completion tokens,' +
      'Generation (ms),Error,Prompt,Result',
  )
  expect(csv).toHaveLength(theirs + 1)
  expect(csv.at(-1)).toContain(seedId(COUNT - 1))

  // All of it: 100,000 jobs streamed page by page into one JSON file.
  await history.getByRole('searchbox', { name: 'Customer' }).fill('')
  await expect(table).toHaveAccessibleName(`${fmt(COUNT)} jobs, newest first`)
  const exportAt = Date.now()
  const everything = app.waitForEvent('download', { timeout: 90_000 })
  await history.getByRole('button', { name: 'Export JSON' }).click()
  const json = JSON.parse(await readFile(await (await everything).path(), 'utf8')) as {
    id: string
  }[]
  console.log(`exported ${fmt(json.length)} jobs as JSON in ${Date.now() - exportAt} ms`)
  expect(json).toHaveLength(COUNT)
  expect(json[0]?.id).toBe(seedId(0))
  expect(json.at(-1)?.id).toBe(seedId(COUNT - 1))
  expect(pageErrors).toEqual([])
})
