/**
 * NIP-47 on the wire, as plain data: the wallet's info event, its encrypted payloads, and its
 * results turned into our wallet types. Everything the wallet says is untrusted input here;
 * what leaves this module is checked.
 */
import * as nip04 from 'nostr-tools/nip04'
import * as nip44 from 'nostr-tools/nip44'
import { err, ok, type Result } from '../../shared/result.ts'
import { WalletError } from './wallet.ts'

export const KIND_NWC_INFO = 13194
export const KIND_NWC_REQUEST = 23194
export const KIND_NWC_RESPONSE = 23195
export const KIND_NWC_NOTIFICATION_NIP04 = 23196
export const KIND_NWC_NOTIFICATION_NIP44 = 23197

export type NwcEncryption = 'nip44_v2' | 'nip04'
export type NwcMethod =
  | 'make_invoice'
  | 'lookup_invoice'
  | 'list_transactions'
  | 'get_balance'
  | 'get_info'
  | 'pay_invoice'

export interface NwcInfo {
  methods: string[]
  /** The schemes the wallet offers, as it wrote them (unknown ones included). */
  encryptions: string[]
  notifications: string[]
}

export type Json = Record<string, unknown>

// The spec separates with spaces, but Alby's service once sent commas, and Alby's own client
// still splits on both: so do we.
const words = (s: string | undefined) => (s ?? '').split(/[\s,]+/).filter((w) => w !== '')

export const parseNwcInfo = (event: { content: string; tags: string[][] }): NwcInfo => {
  const tagWords = (name: string) =>
    event.tags.filter((t) => t[0] === name).flatMap((t) => t.slice(1).flatMap(words))
  const encryptions = tagWords('encryption')
  // Before the `encryption` tag, a `v` tag of 1.0 announced NIP-44 (Alby's client reads it so).
  const legacyNip44 = tagWords('v').includes('1.0')
  return {
    methods: words(event.content),
    // NIP-47: a wallet that names no encryption predates NIP-44 and speaks NIP-04 only.
    encryptions:
      encryptions.length > 0 ? encryptions : legacyNip44 ? ['nip44_v2', 'nip04'] : ['nip04'],
    notifications: tagWords('notifications'),
  }
}

/** What a `get_info` result says the connection may do; the wallet's info event when absent. */
export const parseGetInfo = (result: Json): { methods: string[]; notifications: string[] } => {
  const list = (v: unknown) =>
    Array.isArray(v) ? v.filter((m): m is string => typeof m === 'string') : []
  return { methods: list(result.methods), notifications: list(result.notifications) }
}

export const chooseEncryption = (info: NwcInfo): Result<NwcEncryption> => {
  if (info.encryptions.includes('nip44_v2')) return ok('nip44_v2')
  if (info.encryptions.includes('nip04')) return ok('nip04')
  return err(
    `The wallet only offers encryption this app does not speak (${info.encryptions.join(', ')}). ` +
      'Use a wallet that supports NIP-44 or NIP-04.',
  )
}

/** Encrypt to and decrypt from one wallet with the connection secret. */
export const nwcCipher = (secretKey: Uint8Array, walletPubkey: string) => {
  const conversationKey = nip44.v2.utils.getConversationKey(secretKey, walletPubkey)
  return {
    encrypt: (scheme: NwcEncryption, text: string): string =>
      scheme === 'nip04'
        ? nip04.encrypt(secretKey, walletPubkey, text)
        : nip44.v2.encrypt(text, conversationKey),
    /** Throws when the payload was not encrypted by the wallet for us. */
    decrypt: (content: string): string =>
      content.includes('?iv=')
        ? nip04.decrypt(secretKey, walletPubkey, content)
        : nip44.v2.decrypt(content, conversationKey),
  }
}

export const isJson = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const VERB: Record<NwcMethod, string> = {
  make_invoice: 'create an invoice',
  lookup_invoice: 'look up the invoice',
  list_transactions: 'list its payments',
  get_balance: 'read the balance',
  get_info: 'say what this connection may do',
  pay_invoice: 'pay the invoice',
}

const ERRORS: Record<string, [WalletError['code'], string]> = {
  RATE_LIMITED: ['rate-limited', 'it says we are asking too fast, so this app pauses its calls'],
  NOT_IMPLEMENTED: ['unsupported', 'it does not support this'],
  INSUFFICIENT_BALANCE: ['insufficient-funds', 'it does not have enough funds'],
  QUOTA_EXCEEDED: ['insufficient-funds', "this connection's budget is used up; raise it there"],
  RESTRICTED: ['rejected', 'this connection lacks the permission; grant it or make a new one'],
  UNAUTHORIZED: ['rejected', 'it no longer knows this connection; create a new one'],
  UNSUPPORTED_ENCRYPTION: ['unsupported', 'it cannot read the encryption we used'],
  PAYMENT_FAILED: ['rejected', 'the payment failed (no route, a timeout, or too little capacity)'],
  NOT_FOUND: ['rejected', 'it has no such invoice'],
  INTERNAL: ['other', 'it had an internal error; try again, or check the wallet'],
}

export const invalid = (method: NwcMethod, what: string) =>
  new WalletError(`The wallet's answer to ${method} makes no sense: ${what}.`, 'invalid-response')

/** The `result` of a decrypted response, or the wallet's error in words. */
export const parseNwcResponse = (plain: string, method: NwcMethod): Result<Json, WalletError> => {
  const body = parseJson(plain)
  if (!isJson(body)) return err(invalid(method, 'it is not a JSON object'))
  if (isJson(body.error)) {
    const code = typeof body.error.code === 'string' ? body.error.code : 'OTHER'
    const said = typeof body.error.message === 'string' ? body.error.message.slice(0, 200) : ''
    const [kind, why] = ERRORS[code] ?? ['other', `it reported ${code}`]
    const quote = said === '' ? '' : ` (the wallet says: "${said}")`
    return err(new WalletError(`The wallet could not ${VERB[method]}: ${why}${quote}.`, kind))
  }
  if (typeof body.result_type === 'string' && body.result_type !== method) {
    return err(invalid(method, `it answers ${body.result_type} instead`))
  }
  if (!isJson(body.result)) return err(invalid(method, 'it has no result'))
  return ok(body.result)
}
