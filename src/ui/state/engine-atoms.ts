import { atom } from 'jotai'
import type { JobRecord } from '../../shared/job-state.ts'
import type { SetupLinkReview, SetupLinkValues } from '../../shared/setup-link.ts'
import type { EngineSnapshot, LogEntry } from '../../shared/worker-api.ts'

/** The engine's last published state; null until the worker has answered once. */
export const snapshotAtom = atom<EngineSnapshot | null>(null)

/** Every job the UI knows, by request id. */
export const jobsAtom = atom<ReadonlyMap<string, JobRecord>>(new Map())

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
