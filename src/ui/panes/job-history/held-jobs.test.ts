import { describe, expect, it } from 'vitest'
import { holdUntil } from './held-jobs.ts'

const base = { held: null, interacting: true, order: 'newest', newestShown: 500, now: 900 } as const

describe('holding new jobs back while the table is in use', () => {
  it('starts holding at the newest row shown once the person interacts', () => {
    expect(holdUntil(base)).toBe(500)
    expect(holdUntil({ ...base, newestShown: undefined })).toBe(900)
  })

  it('keeps the moment it started holding while the person is still there', () => {
    expect(holdUntil({ ...base, held: 400, newestShown: 800 })).toBe(400)
  })

  it('goes live when nobody interacts, and never holds oldest first', () => {
    expect(holdUntil({ ...base, held: 400, interacting: false })).toBe(null)
    expect(holdUntil({ ...base, order: 'oldest' })).toBe(null)
  })
})
