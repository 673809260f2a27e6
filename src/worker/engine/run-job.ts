import { phaseOf, type JobRecord } from '../../shared/job-state.ts'
import { chooseModel } from '../../shared/job-decision.ts'
import { fitEventSize, maxTokensThatFit } from '../../shared/nip90/fit-size.ts'
import { buildResult, withNotes, type NostrEvent } from '../../shared/nip90/index.ts'
import type { Settings } from '../../shared/settings.ts'
import type { OllamaStatus } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import { sealFor } from './crypto.ts'
import type { Inbox } from './customer-inbox.ts'
import { deliver, type DeliverDeps } from './deliver.ts'
import { runGeneration } from './generation.ts'
import { resolveInputs, type InputDeps } from './inputs.ts'
import type { Finish } from './finish.ts'
import { stopOf } from './job-stop.ts'
import type { Journal } from './journal.ts'
import { liveText, type LiveTextDeps } from './live-text.ts'
import type { Feedback, Replies } from './replies.ts'

export interface RunDeps extends LiveTextDeps, InputDeps {
  journal: Pick<Journal, 'write'>
  replies: Pick<
    Replies,
    'sign' | 'send' | 'sizeLimits' | 'feedback' | 'signFeedback' | 'sendFeedback'
  >
  finish: Finish
  log: Log
  /** Whether one of our relays is connected: without one, publishing cannot even be tried. */
  connected: () => boolean
  settings: () => Settings
  ollama: () => OllamaStatus
  /** What a job learns of Ollama's models: one gone (check again), one that does not fit. */
  models: { refresh(): void; markUnusable(name: string, reason: string): void }
  secretKey: () => Uint8Array
  inbox: Inbox
  followable: DeliverDeps['followable']
}

/** The answer is there but no relay would take it: kept in the history, said to the customer. */
class ResultTooLarge extends Error {
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(message)
  }
}

/** Generate the answer and sign the result; throws with a reason the customer is told. */
const generateResult = async (
  d: RunDeps,
  job: JobRecord,
  inbox: Promise<string[]>,
  signal: AbortSignal,
) => {
  const request = job.request
  // Taken jobs were fetched at intake; a job journaled before that is fetched (and bounded) now.
  const resolved = await resolveInputs(d, job.inputs ?? [], signal)
  if (!resolved.ok) throw new Error(resolved.error)
  const { prompt } = resolved.value
  const settings = d.settings()
  // Decided at intake; decided again here since Ollama's models may have changed meanwhile.
  const chosen = chooseModel(job.params.model, settings, d.ollama())
  if (!chosen.ok) throw new Error(chosen.error)
  const { model } = chosen.value
  if (chosen.value.note) d.log('info', `job ${job.id.slice(0, 8)}: ${chosen.value.note}`)
  const live = liveText(d, job, settings.streamPartials)
  // The answer must fit the strictest relay it goes to, so max_tokens is capped to match.
  const fits = maxTokensThatFit(d.replies.sizeLimits(job.replyRelays), job.encryption !== undefined)
  const answer = await runGeneration(
    {
      settings: () => ({
        ...d.settings(),
        maxTokensCap: Math.min(d.settings().maxTokensCap, fits),
      }),
      refreshModels: () => d.models.refresh(),
      markUnusable: (name, reason) => d.models.markUnusable(name, reason),
      log: d.log,
    },
    {
      model,
      prompt,
      params: job.params,
      signal,
      onText: live.text,
      onThinking: live.thinking,
    },
  )
  if (!answer.ok) throw new Error(answer.error)
  const { generation, note } = answer.value
  const requestRef = {
    id: job.id,
    customer: job.customer,
    encryption: job.encryption ?? null,
    inputTags: request.tags.filter((t) => t[0] === 'i'),
    event: request,
  }
  const template = buildResult(
    requestRef,
    {
      content: generation.text,
      model: model.name,
      modelDigest: model.digest,
      usage: generation.usage,
      ...(job.paidMsats ? { amountMsats: job.paidMsats } : {}),
      ...(settings.relays[0] ? { relayHint: settings.relays[0] } : {}),
      now: Math.floor(d.now() / 1000),
    },
    sealFor(job.encryption, job.customer, d.secretKey()),
  )
  // Before signing: the echo of the request is shortened to fit our relays, the customer's
  // `relays` and (without those) their inbox relays, looked up meanwhile; the answer never is.
  const limits = d.replies.sizeLimits([...job.replyRelays, ...(await inbox)])
  const fitted = fitEventSize(template, limits)
  if (!fitted.ok)
    throw new ResultTooLarge(`the answer cannot be sent: ${fitted.error}`, generation.text)
  const { shortened } = fitted.value
  if (shortened.length > 0)
    d.log(
      'info',
      `job ${job.id.slice(0, 8)}: result shortened to fit the relays (${shortened.join('; ')})`,
    )
  return {
    prompt,
    model: model.name,
    modelDigest: model.digest,
    result: generation.text,
    usage: generation.usage,
    finishedAt: d.now(),
    resultEvent: d.replies.sign(fitted.value.template),
    ...(note ? { warning: note } : {}),
  }
}

/** What a job's `processing` feedback says as it starts generating. */
export const processingFeedback = (job: Pick<JobRecord, 'notes'>): Feedback => ({
  status: 'processing',
  text: withNotes('Generating your answer', job.notes),
})

/**
 * Run a queued job to its end: processing, generate, result, success; or error feedback.
 * `journaled`: intake wrote this record as running just now (jobs.start), so it is not written
 * again before processing is sent; `processing`, that feedback signed while it was written.
 */
export const runJob = async (
  d: RunDeps,
  queued: JobRecord,
  signal: AbortSignal,
  o: { journaled?: boolean; processing?: NostrEvent | null } = {},
): Promise<void> => {
  const deliverDeps: DeliverDeps = {
    send: d.replies.send,
    finish: d.finish,
    log: d.log,
    connected: d.connected,
    inbox: d.inbox,
    ourRelays: () => d.settings().relays,
    followable: d.followable,
  }
  if (phaseOf(queued) === 'delivering') return deliver(deliverDeps, queued)
  let job =
    o.journaled && queued.state === 'running'
      ? queued
      : await d.journal.write(queued, { to: 'running', patch: { startedAt: d.now() } })
  // Where the customer reads, looked up while the model runs (off intake, bounded by the job).
  const inbox =
    job.replyRelays.length > 0 ? Promise.resolve([]) : d.inbox.readRelays(job.customer, signal)
  const processing =
    o.processing !== undefined ? o.processing : d.replies.signFeedback(job, processingFeedback(job))
  await d.replies.sendFeedback(job, processing)
  try {
    // The signed result is journaled before it is published: a resumed job sends these very bytes.
    job = await d.journal.write(job, { patch: await generateResult(d, job, inbox, signal) })
  } catch (e) {
    const stop = stopOf(signal)
    // Closing: the journal still says running, so the next start runs it again.
    if (stop?.kind === 'engine-closed') return
    if (stop?.kind === 'cancelled-by-customer')
      return void (await d.finish(job, { kind: 'cancelled', whileRunning: true }))
    const cause = signal.aborted ? 'generation timed out or was stopped' : errorText(e)
    await d.finish(job, {
      kind: 'failed',
      cause,
      ...(e instanceof ResultTooLarge ? { result: e.text } : {}),
    })
    return
  }
  await deliver(deliverDeps, job)
}
