/**
 * Going online and offline, and taking over from another tab, along the table in
 * provider-state.ts. Only one tab serves at a time (the serve lock); the wish to be online is
 * saved, so a reload comes back online.
 */
import { canMove, type ProviderState } from '../../shared/provider-state.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import type { EngineSnapshot } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'

type Lock = () => void

export interface LifecycleDeps {
  state: () => ProviderState
  /** Publish the new state with whatever else changes with it. */
  publish: (patch: Partial<EngineSnapshot> & { state: ProviderState }) => void
  log: Log
  wantOnline: () => Promise<boolean>
  setWantOnline: (on: boolean) => Promise<void>
  /** Resolves with a release function, or null if another tab serves. */
  acquireServeLock: () => Promise<Lock | null>
  /** Resolves with the lock once the serving tab lets go of it; null if aborted first. */
  waitForServeLock?: (signal: AbortSignal) => Promise<Lock | null>
  /** Why the provider cannot go online now (Ollama, the wallet), or null when it can. */
  notReady: () => Promise<string | null>
  /** Load the models before taking jobs: the first customer must not wait for a load. */
  warmUp: () => Promise<Result<unknown>>
  stopWarmUp: () => void
  /** Connect the relays and start announcing; said in words for the log. */
  startServing: () => string
  /** Finish the accepted jobs. */
  drain: () => Promise<void>
  stopServing: () => void
  /** Pick up what the journal says is unfinished. */
  resume: () => Promise<void>
}

export const createLifecycle = (d: LifecycleDeps) => {
  let release: Lock | null = null
  let handover: AbortController | null = null

  /** Move along the table; a move it forbids is not made (and says so in the log). */
  const move = (to: ProviderState, patch: Partial<EngineSnapshot> = {}) => {
    const from = d.state()
    if (!canMove(from, to)) {
      d.log('warn', `the provider cannot go from ${from} to ${to}`)
      return false
    }
    d.publish({ ...patch, state: to })
    return true
  }

  const serve = async () => {
    await d.setWantOnline(true)
    const words = d.startServing()
    move('online', { stateReason: undefined })
    d.log('info', words)
    await d.resume()
  }

  // Another tab serves: wait for it to close (its lock goes with it), then serve from here if
  // the provider is still meant to be online (going offline there leaves it offline here).
  const awaitHandover = () => {
    if (!d.waitForServeLock || handover) return
    const abort = (handover = new AbortController())
    const took = async (lock: Lock | null) => {
      if (handover === abort) handover = null
      if (!lock) return
      if (abort.signal.aborted || d.state() !== 'serving-elsewhere') return lock()
      if (!(await d.wantOnline())) {
        lock()
        return void move('offline', { stateReason: undefined })
      }
      release = lock
      d.log('info', 'the tab that was serving has closed: serving from this tab now')
      await serve()
    }
    d.waitForServeLock(abort.signal)
      .then(took)
      .catch((e) => d.log('warn', `waiting to serve: ${errorText(e)}`))
  }

  const goOnline = async (): Promise<Result<ProviderState>> => {
    const state = d.state()
    if (state === 'online' || state === 'going-online') return ok(state)
    if (!canMove(state, 'going-online'))
      return err('Going offline: wait until the provider is offline, then go online again.')
    const why = await d.notReady()
    if (why) return err(why)
    move('going-online', { stateReason: undefined })
    release = await d.acquireServeLock()
    if (!release) {
      move('serving-elsewhere', { stateReason: 'Serving in another tab' })
      awaitHandover()
      return err('Serving in another tab: only one tab serves at a time.')
    }
    const warmed = await d.warmUp()
    if (d.state() !== 'going-online') {
      // Go Offline was pressed meanwhile: it wins.
      release()
      release = null
      return err('Went offline while loading models.')
    }
    if (!warmed.ok) {
      release()
      release = null
      move('offline', { stateReason: warmed.error })
      return err(warmed.error)
    }
    await serve()
    return ok('online' as const)
  }

  const goOffline = async (): Promise<ProviderState> => {
    if (d.state() === 'offline') return 'offline'
    handover?.abort()
    d.stopWarmUp()
    // First, so no new job is taken from here on.
    if (d.state() !== 'going-offline') move('going-offline')
    await d.setWantOnline(false)
    d.log('info', 'going offline: finishing accepted jobs')
    await d.drain()
    d.stopServing()
    release?.()
    release = null
    move('offline', { relays: [] })
    d.log('info', 'offline')
    return 'offline'
  }

  return {
    goOnline,
    goOffline,
    /** On start: online again if it was when the page last closed. */
    async comeBack() {
      if (!(await d.wantOnline())) return
      d.log('info', 'was online before this page loaded: going online again')
      const r = await goOnline()
      if (!r.ok) d.log('warn', r.error)
    },
    /** The page is closing: let go of the lock, no state saved. */
    close() {
      handover?.abort()
      d.stopServing()
      release?.()
      release = null
    },
  }
}
