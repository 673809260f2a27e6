/**
 * The newest ids seen, at most `capacity` of them: the oldest is forgotten first. For "have we
 * had this event already?" where the answer may be "no" for something old (a relay resending
 * what it sent an hour ago is then handled again, and the journal knows it).
 */
export interface RecentIds {
  has(id: string): boolean
  add(id: string): void
}

export const createRecentIds = (capacity: number): RecentIds => {
  const ids = new Set<string>()
  return {
    has: (id) => ids.has(id),
    add(id) {
      if (ids.has(id)) return
      ids.add(id)
      if (ids.size > capacity) ids.delete(ids.values().next().value as string)
    },
  }
}
