import type { JobRecord } from '../../shared/job-state.ts'
import { buildResult, withNotes, type NostrEvent } from '../../shared/nip90/index.ts'
import { errorText } from '../log.ts'
import { backoffMs, sleep } from '../relay/backoff.ts'
import { journal, publish, sendFeedback, sign, type JobContext } from './context.ts'
import { sealFor } from './crypto.ts'
import { runGeneration } from './generation.ts'
import { progressSender } from './progress.ts'
import { resolveInputs } from './inputs.ts'
import { decideModel } from '../../shared/models.ts'

const DELIVERY_ATTEMPTS = 6

/** Why a job stopped early, so the runner can say so to the customer. */
export class JobAborted extends Error {}

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
    // Taken jobs were fetched at intake; a job journaled before that is fetched (and bounded) now.
    const resolved = await resolveInputs(ctx, inputs, signal)
    if (!resolved.ok) throw new Error(resolved.error)
    const { prompt } = resolved.value
    const settings = ctx.settings()
    const ollama = ctx.ollama()
    // Decided at intake; decided again here since Ollama's models may have changed meanwhile.
    const chosen = decideModel(job.params.model, {
      installed: ollama.models,
      offered: settings.offeredModels,
      defaultModel: settings.defaultModel,
      fallback: settings.fallbackToDefaultModel,
      unusable: ollama.unusable ?? [],
    })
    if (!chosen.ok) throw new Error(chosen.reason)
    if (chosen.note) ctx.hub.log('info', `job ${job.id.slice(0, 8)}: ${chosen.note}`)
    const live = liveText(ctx, job, settings.streamPartials)
    const answer = await runGeneration(
      {
        settings: ctx.settings,
        refreshModels: () => ctx.models?.refresh(),
        markUnusable: (name, reason) => ctx.models?.markUnusable(name, reason),
        log: ctx.hub.log,
      },
      {
        model: chosen.model,
        prompt,
        params: job.params,
        signal,
        onText: live.text,
        onThinking: live.thinking,
      },
    )
    if (!answer.ok) throw new Error(answer.error)
    const { generation, note } = answer.value
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
      ...(note ? { warning: note } : {}),
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

/**
 * Tokens as they stream: to the Sell Compute pane always, to the customer if partials are on.
 * While a thinking model reasons there is no answer yet; both are told it is reasoning.
 */
const liveText = (ctx: JobContext, job: JobRecord, partials: boolean) => {
  const progress = progressSender(ctx.hub, job.id, ctx.now)
  const partial = partials ? partialSender(ctx, job) : undefined
  let answering = false
  return {
    text: (text: string) => {
      answering = true
      progress(text)
      partial?.(text)
    },
    thinking: () => {
      if (answering) return
      progress('', true)
      partial?.('', true)
    },
  }
}

const REASONING_WORDS = 'Reasoning: the model thinks before it answers'

/** `partial` feedback with the text so far, at most one per 2 s per job. */
const partialSender = (ctx: JobContext, job: JobRecord) => {
  // The first partial comes 2 s in: a short answer needs none.
  let last = ctx.now()
  return (text: string, reasoning = false) => {
    const now = ctx.now()
    if (now - last < PARTIAL_EVERY_MS) return
    last = now
    void sendFeedback(
      ctx,
      job,
      reasoning
        ? { status: 'partial', text: REASONING_WORDS }
        : { status: 'partial', text: 'Generating', content: text },
    )
  }
}

/** Whether one of our relays is connected: without one, publishing cannot even be tried. */
const anyRelayConnected = (ctx: JobContext): boolean =>
  ctx.pool() !== null && ctx.hub.snapshot().relays.some((r) => r.state === 'connected')

/**
 * Publish the journaled result until a relay takes it, then mark the job completed. With no
 * relay connected (offline, or not yet back) it waits, journaled: the engine sends it again on
 * every new relay connection, Go Online included. When relays were there and none took it, the
 * job ends failed, and owed if it was paid.
 */
export const deliver = async (ctx: JobContext, job: JobRecord): Promise<void> => {
  const event = job.resultEvent as NostrEvent
  const giveUp = new AbortController()
  for (let attempt = 0; attempt < DELIVERY_ATTEMPTS; attempt++) {
    if (!anyRelayConnected(ctx)) {
      ctx.hub.log(
        'warn',
        `job ${job.id.slice(0, 8)}: no relay connected; its result will be sent again when back online`,
      )
      return
    }
    if (await publish(ctx, event, job.replyRelays).catch(() => false)) {
      const done = await journal(ctx, job, 'completed', {}, 'result delivered')
      ctx.hub.log(
        'info',
        `job ${job.id.slice(0, 8)} completed (${done.usage?.completionTokens ?? 0} tokens)`,
      )
      const text = done.warning ? `Done. Note: ${done.warning}` : 'Done'
      await sendFeedback(ctx, done, { status: 'success', text })
      return
    }
    await sleep(backoffMs(attempt), giveUp.signal)
  }
  const owed = job.paidMsats
  const cause = `no relay accepted the result after ${DELIVERY_ATTEMPTS} tries`
  const reason = owed ? `${cause}. ${owedWords(owed)}` : cause
  const patch = { error: reason, finishedAt: ctx.now(), ...(owed ? { owedMsats: owed } : {}) }
  const failed = await journal(ctx, job, 'failed', patch, reason)
  ctx.hub.log(owed ? 'error' : 'warn', `job ${job.id.slice(0, 8)} failed: ${reason}`)
  await sendFeedback(ctx, failed, { status: 'error', text: `Failed: ${reason}` })
}
