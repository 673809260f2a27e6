/**
 * New jobs wait behind a "Show N new jobs" button while the person is reading or about to
 * tap the table, so the row under the pointer or the focus never moves: newest first, every
 * arrival would push each row down by one.
 */
export interface HoldInput {
  /** Jobs received after this are held back; null: the table is live. */
  held: number | null
  interacting: boolean
  order: 'newest' | 'oldest'
  /** When the newest row shown was received, if it has been read. */
  newestShown: number | undefined
  now: number
}

/** The moment after which jobs are held back, or null for a live table. */
export const holdUntil = ({
  held,
  interacting,
  order,
  newestShown,
  now,
}: HoldInput): number | null => {
  // Oldest first, arrivals go to the end: nothing above them moves.
  if (order === 'oldest' || !interacting) return null
  return held ?? newestShown ?? now
}

/** Where a table's hold is kept: read by its pages' fetch, set as the person comes and goes. */
export interface Hold {
  until(): number | null
  set(until: number | null): void
}

export const createHold = (): Hold => {
  let until: number | null = null
  return {
    until: () => until,
    set(next) {
      until = next
    },
  }
}
