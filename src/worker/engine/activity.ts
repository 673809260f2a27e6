/**
 * What the engine has in flight outside the queue: intakes deciding a request, cancellations,
 * resends, relay publishes. With the queue's own idle it makes "nothing more will happen" an
 * event a test (or a hand-over) can wait on, never a guess at how long a sleep must be.
 */
export interface Activity {
  /** Counts `work` as in flight until it settles, and hands it back. */
  track<T>(work: Promise<T>): Promise<T>
  inFlight(): number
  /** Resolves once nothing tracked is in flight. */
  settled(): Promise<void>
}

export const createActivity = (): Activity => {
  let count = 0
  let waiters: (() => void)[] = []
  const done = () => {
    count--
    if (count > 0) return
    const woken = waiters
    waiters = []
    for (const w of woken) w()
  }
  return {
    track(work) {
      count++
      work.then(done, done)
      return work
    },
    inFlight: () => count,
    settled: () => (count === 0 ? Promise.resolve() : new Promise((r) => waiters.push(r))),
  }
}

/**
 * Idle: no job running or queued (deliveries run in the queue), no intake, cancellation or
 * resend in flight, every relay publish settled. Work starts work (an intake queues a job, a
 * job publishes), so it waits until one pass finds all of it quiet. A delivering job parked
 * until a relay is back is not in flight: nothing happens to it until one connects.
 */
export const whenIdle = async (
  activity: Pick<Activity, 'inFlight' | 'settled'>,
  queue: { idle(): Promise<void>; size(): number },
): Promise<void> => {
  for (;;) {
    await activity.settled()
    await queue.idle()
    // A turn of the event loop: frames and timers already due get their chance to start work.
    await new Promise((r) => setTimeout(r, 0))
    if (activity.inFlight() === 0 && queue.size() === 0) return
  }
}
