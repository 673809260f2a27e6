import type { Encryption, JobInput, JobRequest, NostrEvent } from './types.ts'
import { KIND_TEXT_REQUEST, MAX_INPUTS, MAX_PROMPT_CHARS } from './kinds.ts'
import { tagValue } from './event-shape.ts'
import { parseParams } from './params.ts'
import type { IgnoreReason, RequestProblem } from '../request-reason.ts'
import { err, ok, type Result } from '../result.ts'

export interface RequestContext {
  providerPubkey: string
  /** Now, in seconds. */
  now: number
  /** Requests created before this (seconds) are too old. */
  notBefore: number
  /** The tags of an encrypted request, once decrypted by the caller. */
  privateTags?: string[][]
}

/** ignore: not ours or not current, no reply. refuse: ours, answer with an error saying why. */
export type ParsedRequest = Result<JobRequest, RequestProblem>

const ignore = (code: IgnoreReason, reason: string): ParsedRequest =>
  err({ action: 'ignore', code, reason })
// Every refusal the codec makes is of a request it cannot read: the words say what to fix.
const refuse = (reason: string): ParsedRequest =>
  err({ action: 'refuse', code: 'malformed', reason })

/** NIP-04 content carries "?iv="; NIP-44 v2 is base64 whose first byte is 2. */
export const detectEncryption = (content: string): Encryption | null => {
  if (/^[A-Za-z0-9+/=]+\?iv=[A-Za-z0-9+/=]+$/.test(content)) return 'nip04'
  if (content.startsWith('A') && /^[A-Za-z0-9+/]+=*$/.test(content)) return 'nip44'
  return null
}

const HEX64 = /^[0-9a-f]{64}$/

/** An input this provider reads, or the type of one it leaves out. */
type ParsedInput = Result<JobInput | { skip: string }>

const parseInput = (tag: string[]): ParsedInput => {
  const [, data = '', rawType = 'text', relay] = tag
  const type = rawType.trim().toLowerCase()
  if (type === 'text' || type === 'prompt') return ok({ type: 'text', text: data })
  if (type === 'event' || type === 'job') {
    if (!HEX64.test(data)) return err(`input of type ${type} must be a 64-character hex event id`)
    return ok(relay && /^wss?:\/\//.test(relay) ? { type, id: data, relay } : { type, id: data })
  }
  // Not an error yet: beside a usable input it is only left out (noogle attaches an image url).
  return ok({ skip: type.slice(0, 40) })
}

/**
 * The inputs in the order sent: `i` tags and `["param", "prompt", text]` (10.7% of real
 * requests carry their prompt that way). With none at all, a non-empty plain content is the
 * prompt (NIP-90 leaves content free, and clients put the prompt there). Unsupported types
 * are skipped beside a usable input, and refused, by name, when nothing else is left.
 */
const collectInputs = (
  tags: string[][],
  content: string | null,
): Result<{ inputs: JobInput[]; notes: string[] }> => {
  const inputs: JobInput[] = []
  const skipped: string[] = []
  for (const tag of tags) {
    const isPrompt = tag[0] === 'param' && tag[1]?.trim().toLowerCase() === 'prompt'
    if (tag[0] !== 'i' && !isPrompt) continue
    const parsed: ParsedInput = isPrompt
      ? ok({ type: 'text', text: tag[2] ?? '' })
      : parseInput(tag)
    if (!parsed.ok) return parsed
    const input = parsed.value
    if ('skip' in input) skipped.push(input.skip)
    else inputs.push(input)
  }
  if (inputs.length === 0 && skipped[0] !== undefined)
    return err(`input type "${skipped[0]}" is not supported; send text`)
  if (inputs.length === 0 && content !== null && content.trim() !== '')
    return ok({ inputs: [{ type: 'text', text: content }], notes: [] })
  if (inputs.length === 0)
    return err('the request has no input; add an ["i", "<prompt>", "text"] tag')
  const types = [...new Set(skipped)].map((t) => `"${t}"`).join(', ')
  const what = skipped.length === 1 ? `the ${types} input` : `${skipped.length} inputs (${types})`
  const notes = types ? [`skipped ${what}: this provider reads text, event and job inputs`] : []
  return ok({ inputs, notes })
}

const parseRelayList = (tags: string[][]): string[] =>
  tags
    .filter((t) => t[0] === 'relays')
    .flatMap((t) => t.slice(1))
    .filter((r) => /^wss?:\/\/[^\s]+$/.test(r) && r.length < 300)
    .map((r) => r.replace(/\/$/, ''))
    .slice(0, 8)

/** Parse a kind 5050 request (already shape-checked and signature-verified). */
export const parseJobRequest = (event: NostrEvent, ctx: RequestContext): ParsedRequest => {
  if (event.kind !== KIND_TEXT_REQUEST)
    return ignore('not-a-text-request', `kind ${event.kind} is not a text-generation request`)
  // NIP-90 lets a customer name several providers: it is ours when any of them is us.
  const targets = event.tags.filter((t) => t[0] === 'p').map((t) => t[1])
  const forUs = targets.includes(ctx.providerPubkey)
  if (targets.length > 0 && !forUs)
    return ignore('for-another-provider', 'addressed to another provider')
  const expiration = Number(tagValue(event, 'expiration'))
  if (Number.isFinite(expiration) && expiration > 0 && expiration <= ctx.now)
    return ignore('expired', 'expired')
  if (event.created_at < ctx.notBefore) return ignore('too-old', 'older than the lookback window')
  // A clock a little fast is common; an hour ahead is not a real client.
  if (event.created_at > ctx.now + 3600) return ignore('from-the-future', 'created in the future')

  const encrypted = event.tags.some((t) => t[0] === 'encrypted')
  let encryption: Encryption | null = null
  let tags = event.tags
  if (encrypted) {
    if (!forUs) return ignore('encrypted-for-someone-else', 'encrypted for someone else')
    encryption = detectEncryption(event.content)
    if (!encryption) return refuse('encrypted content is neither NIP-04 nor NIP-44')
    if (!ctx.privateTags) return refuse('could not decrypt the request')
    tags = [...event.tags, ...ctx.privateTags]
  }

  // The content of an encrypted request is the ciphertext, never a prompt.
  const collected = collectInputs(tags, encrypted ? null : event.content)
  if (!collected.ok) return refuse(collected.error)
  const { notes } = collected.value
  // The same input twice adds nothing but work (300 copies of one note was an 18.9 MB prompt).
  const inputs = distinctInputs(collected.value.inputs)
  if (inputs.length > MAX_INPUTS)
    return refuse(`the request has ${inputs.length} inputs; at most ${MAX_INPUTS} inputs are taken`)
  const inputTags = tags.filter((t) => t[0] === 'i')
  const textLength = inputs.reduce((n, i) => n + (i.type === 'text' ? i.text.length : 0), 0)
  if (textLength > MAX_PROMPT_CHARS) {
    return refuse(`the prompt is ${textLength} characters; the limit is ${MAX_PROMPT_CHARS}`)
  }
  if (inputs.every((i) => i.type === 'text' && i.text.trim() === ''))
    return refuse('the prompt is empty')

  const params = parseParams(tags)
  if (!params.ok) return refuse(params.error)

  let bidMsats: number | undefined
  const bid = tagValue({ tags }, 'bid')
  if (bid !== undefined) {
    if (!/^\d{1,15}$/.test(bid.trim())) return refuse('the bid must be a whole number of millisats')
    bidMsats = Number(bid.trim())
  }

  const request: JobRequest = {
    id: event.id,
    customer: event.pubkey,
    createdAt: event.created_at,
    inputs,
    params: params.value,
    relays: parseRelayList(tags),
    encryption,
    inputTags,
    notes,
    event,
  }
  if (bidMsats !== undefined) request.bidMsats = bidMsats
  return ok(request)
}

const inputKey = (i: JobInput): string =>
  i.type === 'text' ? `text:${i.text}` : `${i.type}:${i.id}`

/** Each input once, in the order first given. */
export const distinctInputs = (inputs: readonly JobInput[]): JobInput[] => {
  const seen = new Set<string>()
  return inputs.filter((i) => !seen.has(inputKey(i)) && seen.add(inputKey(i)))
}

/** The prompt from text inputs, joined in order. Event and job inputs are resolved by the engine. */
export const joinInputs = (texts: string[]): string => texts.map((t) => t.trim()).join('\n\n')
