/**
 * Writes completed jobs straight into the app's IndexedDB from its page, shaped as the engine
 * journals them (request and signed result kept as JSON), so the history is realistic in size.
 */
import type { Page } from '@playwright/test'
import type { JobRecord } from '../src/shared/job-state.ts'

export interface BatchWrite {
  start: number
  count: number
  /** The newest job's receivedAt; older ones are a second apart. */
  newestAt: number
  total: number
}

/** One readwrite transaction for the batch; returns the ms it took to commit. */
export const writeJobBatch = (page: Page, batch: BatchWrite): Promise<number> =>
  page.evaluate(async ({ start, count, newestAt, total }) => {
    const hex = (n: number, len: number) => n.toString(16).padStart(len, '0')
    const provider = 'b'.repeat(64)
    const make = (n: number): JobRecord => {
      const id = hex(n, 16).repeat(4)
      const customer = hex(n % 997, 8).repeat(8)
      const at = newestAt - (total - 1 - n) * 1000
      const created = Math.floor(at / 1000)
      const prompt = `Write a short poem about relay number ${n}`
      const result = `Relay ${n} hums at night,\n`.repeat(6)
      const request = {
        id,
        pubkey: customer,
        created_at: created,
        kind: 5050,
        tags: [
          ['i', prompt, 'text'],
          ['output', 'text/plain'],
          ['p', provider],
        ],
        content: '',
        sig: 'c'.repeat(128),
      }
      const resultEvent = {
        id: hex(n, 16).repeat(4).replace(/^./, 'e'),
        pubkey: provider,
        created_at: created + 2,
        kind: 6050,
        tags: [
          ['request', JSON.stringify(request)],
          ['e', id, 'wss://relay.example'],
          ['i', prompt, 'text'],
          ['p', customer],
          ['model', 'llama3.2:1b', 'd'.repeat(12)],
          ['usage', '9', '48'],
        ],
        content: result,
        sig: 'f'.repeat(128),
      }
      return {
        id,
        customer,
        requestedAt: created,
        receivedAt: at,
        state: 'completed',
        timeline: [
          { state: 'queued', at },
          { state: 'running', at: at + 5 },
          { state: 'completed', at: at + 2000, note: 'result delivered' },
        ],
        request,
        prompt,
        model: 'llama3.2:1b',
        modelDigest: 'd'.repeat(64),
        result,
        usage: { promptTokens: 9, completionTokens: 48 },
        priceMsats: 0,
        resultEvent,
        replyRelays: [],
        params: {},
        inputs: [{ type: 'text', text: prompt }],
        startedAt: at + 5,
        finishedAt: at + 1990,
      }
    }
    const records = Array.from({ length: count }, (_, i) => make(start + i))
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('sell-compute')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const started = performance.now()
    const tx = db.transaction('jobs', 'readwrite')
    const jobs = tx.objectStore('jobs')
    for (const r of records) jobs.put(r)
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve
      tx.onerror = () => reject(tx.error)
    })
    const ms = performance.now() - started
    db.close()
    return ms
  }, batch)
