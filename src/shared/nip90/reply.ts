import type { EventTemplate, JobRequest } from './types.ts'
import type { FeedbackStatus } from './kinds.ts'
import { KIND_FEEDBACK, KIND_TEXT_RESULT } from './kinds.ts'
import type { TokenUsage } from '../job-state.ts'

export interface FeedbackOptions {
  status: FeedbackStatus
  /** Human text: every refusal and failure says why. */
  text: string
  content?: string
  amount?: { msats: number; bolt11?: string }
  now: number
}

type RequestRef = Pick<JobRequest, 'id' | 'customer' | 'encryption'>

/** Kind 7000 feedback. The caller encrypts content for encrypted requests. */
export const buildFeedback = (request: RequestRef, o: FeedbackOptions): EventTemplate => {
  const tags = [
    ['status', o.status, o.text],
    ['e', request.id],
    ['p', request.customer],
  ]
  if (o.amount) {
    tags.push(
      o.amount.bolt11
        ? ['amount', String(o.amount.msats), o.amount.bolt11]
        : ['amount', String(o.amount.msats)],
    )
  }
  if (request.encryption) tags.push(['encrypted'])
  return { kind: KIND_FEEDBACK, created_at: o.now, tags, content: o.content ?? '' }
}

export interface ResultOptions {
  content: string
  model: string
  modelDigest?: string
  usage?: TokenUsage
  amountMsats?: number
  relayHint?: string
  now: number
}

/**
 * Kind 6050 result. For an encrypted request the request and input tags would leak the
 * private prompt, so they are left out and the caller encrypts the content.
 */
export const buildResult = (
  request: Pick<JobRequest, 'id' | 'customer' | 'encryption' | 'inputTags' | 'event'>,
  o: ResultOptions,
): EventTemplate => {
  const e = o.relayHint ? ['e', request.id, o.relayHint] : ['e', request.id]
  const tags: string[][] = request.encryption
    ? [e, ['p', request.customer], ['encrypted']]
    : [['request', JSON.stringify(request.event)], e, ...request.inputTags, ['p', request.customer]]
  if (o.amountMsats !== undefined && o.amountMsats > 0) tags.push(['amount', String(o.amountMsats)])
  tags.push(o.modelDigest ? ['model', o.model, o.modelDigest] : ['model', o.model])
  if (o.usage) tags.push(['usage', String(o.usage.promptTokens), String(o.usage.completionTokens)])
  return { kind: KIND_TEXT_RESULT, created_at: o.now, tags, content: o.content }
}
