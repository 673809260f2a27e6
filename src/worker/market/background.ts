/**
 * Work that must never delay a job: run in order, in slices of a few milliseconds, at the
 * scheduler's background priority where there is one (Chromium's `scheduler.postTask`, in
 * workers too), so a relay frame carrying a customer's request is handled before it.
 * Elsewhere (Node, in tests) each slice is a plain timer task.
 */

const SLICE_MS = 8

interface PostTask {
  postTask(task: () => void, options: { priority: 'background' }): Promise<unknown>
}

const later: (task: () => void) => void = (() => {
  const scheduler = (globalThis as { scheduler?: Partial<PostTask> }).scheduler
  if (typeof scheduler?.postTask !== 'function') return (task) => void setTimeout(task, 0)
  const post = scheduler.postTask.bind(scheduler)
  return (task) => void post(task, { priority: 'background' }).catch(() => undefined)
})()

export interface BackgroundQueue {
  push(task: () => void): void
  /** Run everything queued now: a reader about to look at what the tasks build. */
  flush(): void
}

/** `onError`: a task that threw; the ones after it still run. */
export const createBackgroundQueue = (
  onError: (e: unknown) => void,
  now: () => number = () => performance.now(),
): BackgroundQueue => {
  let tasks: (() => void)[] = []
  let at = 0
  let scheduled = false

  const run = (until: number) => {
    while (at < tasks.length && now() < until) {
      const task = tasks[at++] as () => void
      try {
        task()
      } catch (e) {
        onError(e)
      }
    }
    if (at >= tasks.length) {
      tasks = []
      at = 0
    }
  }
  const slice = () => {
    scheduled = false
    run(now() + SLICE_MS)
    if (tasks.length > 0) schedule()
  }
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    later(slice)
  }

  return {
    push(task) {
      tasks.push(task)
      schedule()
    },
    flush: () => run(Infinity),
  }
}
