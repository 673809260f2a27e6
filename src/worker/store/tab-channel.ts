/**
 * One word between the engines of this app's tabs over one database (a BroadcastChannel per
 * topic and database, so test databases never hear each other): what the settings and jobs
 * channels are built on.
 */
export interface TabChannel {
  /** Tell the other tabs. */
  post(): void
  /** Called when another tab told; returns a function that stops listening. */
  on(listener: () => void): () => void
  close(): void
}

export const createTabChannel = (topic: string, word: string, dbName: string): TabChannel => {
  const channel = new BroadcastChannel(`sell-compute:${topic}:${dbName}`)
  return {
    post: () => channel.postMessage(word),
    on(listener) {
      const handle = (e: MessageEvent) => {
        if (e.data === word) listener()
      }
      channel.addEventListener('message', handle)
      return () => channel.removeEventListener('message', handle)
    },
    close: () => channel.close(),
  }
}
