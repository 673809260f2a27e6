/**
 * Cursor walks on the raw IndexedDB API. idb wraps every step in a promise, which costs
 * more than the step itself when a pass visits 100,000 keys.
 */

type Source = IDBObjectStore | IDBIndex

export const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })

/** Skip `offset` records, then read up to `limit` values, in the direction asked. */
export const readPage = <T>(
  source: Source,
  range: IDBKeyRange | null,
  direction: IDBCursorDirection,
  offset: number,
  limit: number,
): Promise<T[]> =>
  new Promise((resolve, reject) => {
    const values: T[] = []
    if (limit <= 0) return resolve(values)
    // advance(0) throws: only skip when there is something to skip.
    let skipped = offset <= 0
    const req = source.openCursor(range, direction)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'))
    req.onsuccess = () => {
      const cursor = req.result
      if (!cursor) return resolve(values)
      if (!skipped) {
        skipped = true
        cursor.advance(offset)
        return
      }
      values.push(cursor.value as T)
      if (values.length >= limit) resolve(values)
      else cursor.continue()
    }
  })

/** Visit every key of an index in a range, with its record's key (values are never read). */
export const eachKey = (
  source: Source,
  range: IDBKeyRange | null,
  visit: (key: IDBValidKey, primaryKey: IDBValidKey) => void,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const req = source.openKeyCursor(range)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'))
    req.onsuccess = () => {
      const cursor = req.result
      if (!cursor) return resolve()
      visit(cursor.key, cursor.primaryKey)
      cursor.continue()
    }
  })

/** The first key of a source in a direction, or undefined when it is empty. */
export const edgeKey = async (
  source: Source,
  direction: 'next' | 'prev',
): Promise<IDBValidKey | undefined> => (await request(source.openKeyCursor(null, direction)))?.key

/**
 * The distinct first parts of a [part, number] compound index, in order: one step per
 * distinct value, however many records share it.
 */
export const distinctFirstParts = (
  index: IDBIndex,
  range: IDBKeyRange | null = null,
): Promise<string[]> =>
  new Promise((resolve, reject) => {
    const parts: string[] = []
    const req = index.openKeyCursor(range)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'))
    req.onsuccess = () => {
      const cursor = req.result
      if (!cursor) return resolve(parts)
      const key = cursor.key
      const part = Array.isArray(key) ? key[0] : undefined
      if (typeof part !== 'string') return resolve(parts)
      parts.push(part)
      // Past every [part, n]: the next key belongs to the next distinct part.
      cursor.continue([part, Infinity])
    }
  })
