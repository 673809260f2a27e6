import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import type { JobRecord } from '../../shared/job-state.ts'
import { SAMPLE_REQUEST } from '../../../fixtures/sample-request.ts'
import { openDatabase } from './db.ts'
import { createJobStore } from './job-store.ts'

const job = (id: string, state: JobRecord['state'] = 'queued'): JobRecord => ({
  id,
  customer: 'a'.repeat(64),
  requestedAt: 1,
  receivedAt: 1000,
  state,
  timeline: [{ state, at: 1000 }],
  request: SAMPLE_REQUEST,
  prompt: 'p',
  priceMsats: 0,
  replyRelays: [],
  params: {},
})

describe('grouped journal writes', () => {
  it('writes that arrive during a commit go together in the next one, each resolved once stored', async () => {
    const db = await openDatabase(`grouped-${Math.random()}`)
    const transaction = vi.spyOn(db, 'transaction')
    const store = createJobStore(db)
    const first = store.put(job('a'))
    const rest = Array.from({ length: 20 }, (_, i) => store.put(job(`b${i}`)))
    // The same job twice in one group: the later write wins, as in separate transactions.
    const twice = [store.put(job('c', 'queued')), store.put(job('c', 'running'))]
    await Promise.all([first, ...rest, ...twice])
    expect(transaction.mock.calls.filter((c) => c[1] === 'readwrite')).toHaveLength(2)
    expect((await store.get('b19'))?.id).toBe('b19')
    expect((await store.get('c'))?.state).toBe('running')
    db.close()
  })

  it('a record that cannot be stored fails its own write, not the others in its group', async () => {
    const db = await openDatabase(`grouped-${Math.random()}`)
    const store = createJobStore(db)
    const busy = store.put(job('first'))
    const good = store.put(job('good'))
    const bad = store.put({ ...job('bad'), prompt: (() => undefined) as unknown as string })
    await busy
    await expect(good).resolves.toBeUndefined()
    await expect(bad).rejects.toThrow()
    expect((await store.get('good'))?.id).toBe('good')
    expect(await store.get('bad')).toBeUndefined()
    db.close()
  })
})
