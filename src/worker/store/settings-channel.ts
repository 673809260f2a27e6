/**
 * Each tab runs its own engine with the settings in memory, and only one of them serves. A
 * tab that saves settings says so here; the others read them back at once, so a price or a
 * blocked customer set in any tab applies to the serving one without a reload.
 */
import { createTabChannel } from './tab-channel.ts'

export interface SettingsChannel {
  /** After the settings were saved (the write has committed). */
  saved(): void
  /** Called when another tab saved; returns a function that stops listening. */
  onSaved(listener: () => void): () => void
  close(): void
}

export const createSettingsChannel = (dbName: string): SettingsChannel => {
  const channel = createTabChannel('settings', 'saved', dbName)
  return { saved: channel.post, onSaved: channel.on, close: channel.close }
}
