import type { JobRecord } from '../../shared/job-state.ts'
import {
  buildResult,
  joinInputs,
  withNotes,
  KIND_TEXT_RESULT,
  type JobInput,
  type NostrEvent,
} from '../../shared/nip90/index.ts'
import type { ModelInfo } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'
import { generate } from '../ollama/generate.ts'
import { backoffMs, sleep } from '../relay/backoff.ts'
import { journal, publish, sendFeedback, sign, type JobContext } from './context.ts'
import { sealFor } from './crypto.ts'
import { progressSender } from './progress.ts'
import { offeredOf } from '../../shared/models.ts'

const INPUT_FETCH_TIMEOUT_MS = 5000
const DELIVERY_ATTEMPTS = 6

/** Why a job stopped early, so the runner can say so to the customer. */
export class JobAborted extends Error {}

/** The model to use: the one asked for if installed, else the provider's default. */
export const chooseModel = (
  asked: string | undefined,
  installed: ModelInfo[],
  defaultModel: string,
): { model: ModelInfo; note?: string } | { error: string } => {
  const find = (name: string) =>
    installed.find((m) => m.name === name || m.name === `${name}:latest`)
  const fallback = (defaultModel && find(defaultModel)) || installed[0]
  if (!fallback) return { error: 'no model is installed on this provider' }
  if (!asked) return { model: fallback }
  const wanted = find(asked)
  if (wanted) return { model: wanted }
  return { model: fallback, note: `model ${asked} is not installed here; used ${fallback.name}` }
}

const resolveInput = async (
  ctx: JobContext,
  input: JobInput,
  signal: AbortSignal,
): Promise<string> => {
  if (input.type === 'text') return input.text
  const pool = ctx.pool()
  if (!pool) throw new Error('not connected to a relay to fetch the input')
  const hints = input.relay ? [input.relay] : []
  const filter =
    input.type === 'event' ? { ids: [input.id] } : { kinds: [KIND_TEXT_RESULT], '#e': [input.id] }
  const found = await pool.get(filter, hints, INPUT_FETCH_TIMEOUT_MS, signal)
  if (!found)
    throw new Error(`could not find the ${input.type} input ${input.id.slice(0, 12)} on the relays`)
  return found.content
}

/** Run a queued job to its end: processing, generate, result, success; or error feedback. */
export const runJob = async (
  ctx: JobContext,
  queued: JobRecord,
  signal: AbortSignal,
): Promise<void> => {
  let job = queued
  if (job.resultEvent) return deliver(ctx, job)
  job = await journal(ctx, job, 'running', { startedAt: ctx.now() })
  const generating = withNotes('Generating your answer', job.notes)
  await sendFeedback(ctx, job, { status: 'processing', text: generating })
  try {
    const request = job.request
    const inputs = job.inputs ?? []
    const texts = await Promise.all(inputs.map((i) => resolveInput(ctx, i, signal)))
    const prompt = joinInputs(texts)
    const settings = ctx.settings()
    // A model not offered for sale is treated as if it were not installed.
    const forSale = offeredOf(ctx.ollama().models, settings.offeredModels)
    const chosen = chooseModel(job.params.model, forSale, settings.defaultModel)
    if ('error' in chosen) throw new Error(chosen.error)
    if (chosen.note && !settings.fallbackToDefaultModel) {
      throw new Error(`model ${job.params.model ?? ''} is not installed here`)
    }
    if (chosen.note) ctx.hub.log('info', `job ${job.id.slice(0, 8)}: ${chosen.note}`)
    const params = {
      ...job.params,
      maxTokens: Math.min(job.params.maxTokens ?? settings.maxTokensCap, settings.maxTokensCap),
    }
    const generation = await generate({
      url: settings.ollamaUrl,
      model: chosen.model.name,
      prompt,
      params,
      timeoutMs: settings.generationTimeoutSeconds * 1000,
      signal,
      onText: liveText(ctx, job, settings.streamPartials),
    })
    const inputTags = request.tags.filter((t) => t[0] === 'i')
    const requestRef = {
      id: job.id,
      customer: job.customer,
      encryption: job.encryption ?? null,
      inputTags,
      event: request,
    }
    const seal = sealFor(job.encryption, job.customer, ctx.key().secretKey)
    const template = buildResult(
      requestRef,
      {
        content: generation.text,
        model: chosen.model.name,
        modelDigest: chosen.model.digest,
        usage: generation.usage,
        ...(job.paidMsats ? { amountMsats: job.paidMsats } : {}),
        ...(ctx.settings().relays[0] ? { relayHint: ctx.settings().relays[0] } : {}),
        now: Math.floor(ctx.now() / 1000),
      },
      seal,
    )
    // The signed result is journaled before it is published: a resumed job sends these very bytes.
    job = await journal(ctx, job, null, {
      prompt,
      model: chosen.model.name,
      modelDigest: chosen.model.digest,
      result: generation.text,
      usage: generation.usage,
      finishedAt: ctx.now(),
      resultEvent: sign(ctx, template),
    })
  } catch (e) {
    if (signal.aborted && signal.reason instanceof JobAborted) {
      if (signal.reason.message !== 'cancelled') throw signal.reason
      job = await journal(
        ctx,
        job,
        'cancelled',
        { finishedAt: ctx.now() },
        'cancelled by the customer',
      )
      ctx.hub.log('info', `job ${job.id.slice(0, 8)} cancelled by the customer while running`)
      await sendFeedback(ctx, job, { status: 'error', text: 'cancelled' })
      return
    }
    const cause = signal.aborted ? 'generation timed out or was stopped' : errorText(e)
    // The customer paid and got nothing: the history says so plainly, and so does the reply.
    const owed = job.paidMsats
    const reason = owed ? `${cause}. ${owedWords(owed)}` : cause
    const patch = { error: reason, finishedAt: ctx.now(), ...(owed ? { owedMsats: owed } : {}) }
    job = await journal(ctx, job, 'failed', patch, reason)
    ctx.hub.log(owed ? 'error' : 'warn', `job ${job.id.slice(0, 8)} failed: ${reason}`)
    await sendFeedback(ctx, job, { status: 'error', text: `Failed: ${reason}` })
    return
  }
  await deliver(ctx, job)
}

const PARTIAL_EVERY_MS = 2000

/** What a paid job that failed leaves owing, in words for the history and the customer. */
export const owedWords = (msats: number): string =>
  `Paid ${Math.floor(msats / 1000)} sats and got no result: owed to the customer (refund or retry)`

/** Tokens as they stream: to the Sell Compute pane always, to the customer if partials are on. */
const liveText = (ctx: JobContext, job: JobRecord, partials: boolean) => {
  const progress = progressSender(ctx.hub, job.id, ctx.now)
  const partial = partials ? partialSender(ctx, job) : undefined
  return (text: string) => {
    progress(text)
    partial?.(text)
  }
}

/** `partial` feedback with the text so far, at most one per 2 s per job. */
const partialSender = (ctx: JobContext, job: JobRecord) => {
  // The first partial comes 2 s in: a short answer needs none.
  let last = ctx.now()
  return (text: string) => {
    const now = ctx.now()
    if (now - last < PARTIAL_EVERY_MS) return
    last = now
    void sendFeedback(ctx, job, { status: 'partial', text: 'Generating', content: text })
  }
}

/** Publish the journaled result until a relay takes it, then mark the job completed. */
export const deliver = async (ctx: JobContext, job: JobRecord): Promise<void> => {
  const event = job.resultEvent as NostrEvent
  const giveUp = new AbortController()
  for (let attempt = 0; attempt < DELIVERY_ATTEMPTS; attempt++) {
    if (await publish(ctx, event, job.replyRelays).catch(() => false)) {
      const done = await journal(ctx, job, 'completed', {}, 'result delivered')
      ctx.hub.log(
        'info',
        `job ${job.id.slice(0, 8)} completed (${done.usage?.completionTokens ?? 0} tokens)`,
      )
      await sendFeedback(ctx, done, { status: 'success', text: 'Done' })
      return
    }
    await sleep(backoffMs(attempt), giveUp.signal)
  }
  ctx.hub.log(
    'error',
    `job ${job.id.slice(0, 8)}: result not accepted by any relay; it will be sent again when back online`,
  )
}
