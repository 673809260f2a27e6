import { createStore } from 'jotai'

/** The one jotai store: the worker client writes to it outside React, the UI reads it. */
export const store = createStore()

export type Store = typeof store
