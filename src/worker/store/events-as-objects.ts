/**
 * Version 3 of the database: a job's request and result events are kept as the objects they
 * are. Version 2 kept them as JSON text, re-parsed (and re-typed by assertion) on every read.
 */
import type { IDBPTransaction, StoreNames } from 'idb'
import type { SellComputeDB } from './schema.ts'

type UpgradeTx = IDBPTransaction<SellComputeDB, StoreNames<SellComputeDB>[], 'versionchange'>

/** The object a stored event stands for, or null when it is not one. */
const eventObject = (stored: unknown): object | null => {
  let value = stored
  if (typeof stored === 'string') {
    try {
      value = JSON.parse(stored)
    } catch {
      return null
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null
}

/**
 * Rewrites every job in place. A record whose events cannot be read (the app never wrote one,
 * but a damaged or hand-edited database may hold one) is moved, whole, to `unreadable` with
 * the reason: the upgrade never fails on it, and nothing is thrown away.
 */
export const eventsAsObjects = async (tx: UpgradeTx): Promise<void> => {
  const unreadable = tx.objectStore('unreadable')
  for (let cursor = await tx.objectStore('jobs').openCursor(); cursor;) {
    const row = cursor.value as unknown as Record<string, unknown>
    const request = eventObject(row.request)
    const result = row.resultEvent === undefined ? undefined : eventObject(row.resultEvent)
    if (request === null || result === null) {
      const which = request === null ? 'request' : 'result'
      const reason = `its ${which} event is not a JSON object, so version 3 could not keep it`
      await unreadable.put({ record: row, reason }, cursor.primaryKey)
      await cursor.delete()
    } else {
      const resultEvent = result === undefined ? {} : { resultEvent: result }
      await cursor.update({ ...row, request, ...resultEvent } as never)
    }
    cursor = await cursor.continue()
  }
}
