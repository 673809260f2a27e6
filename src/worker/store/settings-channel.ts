/**
 * Each tab runs its own engine with the settings in memory, and only one of them serves. A
 * tab that saves settings says so here; the others read them back at once, so a price or a
 * blocked customer set in any tab applies to the serving one without a reload.
 */
export interface SettingsChannel {
  /** After the settings were saved (the write has committed). */
  saved(): void
  /** Called when another tab saved; returns a function that stops listening. */
  onSaved(listener: () => void): () => void
  close(): void
}

/** One channel per database, so test databases never hear each other. */
export const createSettingsChannel = (dbName: string): SettingsChannel => {
  const channel = new BroadcastChannel(`sell-compute:settings:${dbName}`)
  return {
    saved: () => channel.postMessage('saved'),
    onSaved(listener) {
      const handle = (e: MessageEvent) => {
        if (e.data === 'saved') listener()
      }
      channel.addEventListener('message', handle)
      return () => channel.removeEventListener('message', handle)
    },
    close: () => channel.close(),
  }
}
