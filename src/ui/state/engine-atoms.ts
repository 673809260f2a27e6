import { atom, type Atom } from 'jotai'
import { selectAtom } from 'jotai/utils'
import type { JobChange } from '../../shared/job-change.ts'
import type { SetupLinkReview, SetupLinkValues } from '../../shared/setup-link.ts'
import type { EngineSnapshot, LogEntry } from '../../shared/worker-api.ts'

/**
 * The engine's last published state; null until the worker has answered once. Panes read
 * their part of it (`snapshotPart`), so a part that did not change does not re-render them.
 */
export const snapshotAtom = atom<EngineSnapshot | null>(null)

/** The latest jobs the engine said changed; a new value means views of jobs read again. */
export const jobChangesAtom = atom<{ version: number; changes: readonly JobChange[] }>({
  version: 0,
  changes: [],
})

/** The latest settlement time the engine reported for any job, so payments are read again. */
export const lastPaidAtAtom = atom(0)

/** The engine's log, oldest first, capped. */
export const logAtom = atom<readonly LogEntry[]>([])

/** Why the engine worker cannot serve this page, in words; null while all is well. */
export const engineErrorAtom = atom<string | null>(null)

/** Why a setup link (?relays=..&ollama=..) was not applied; null otherwise. */
export const setupLinkErrorAtom = atom<string | null>(null)

/** A setup link waiting for the person to say yes: what it holds and what it would change. */
export const setupLinkReviewAtom = atom<{ link: SetupLinkValues; review: SetupLinkReview } | null>(
  null,
)

type Part<K extends keyof EngineSnapshot> = Pick<EngineSnapshot, K> | null

// The worker sends only the parts that changed and the client keeps the others as they were,
// so comparing each part by reference says whether this pane's part changed.
const samePart = <K extends keyof EngineSnapshot>(a: Part<K>, b: Part<K>): boolean =>
  a === b || (a !== null && b !== null && (Object.keys(a) as K[]).every((key) => a[key] === b[key]))

/** Some parts of the snapshot (null until it has come); create once, at module level. */
export const snapshotPart = <K extends keyof EngineSnapshot>(...keys: K[]): Atom<Part<K>> =>
  selectAtom(
    snapshotAtom,
    (s): Part<K> =>
      s === null
        ? null
        : (Object.fromEntries(keys.map((k) => [k, s[k]])) as Pick<EngineSnapshot, K>),
    samePart,
  )

export const countsAtom = selectAtom(snapshotAtom, (s) => s?.counts ?? null)
