import { atom } from 'jotai'
import type { LiveJobs, Pulls } from './live.ts'

/** Model pulls, from the engine's `pull` events. */
export const pullsAtom = atom<Pulls>(new Map())

/** Jobs generating now, from `job` and `progress` events. */
export const liveJobsAtom = atom<LiveJobs>(new Map())
