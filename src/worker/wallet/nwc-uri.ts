/**
 * The Nostr Wallet Connect connection string (NIP-47): which wallet, on which relays, and the
 * secret this app signs and encrypts with. People paste these, so every refusal says what is
 * wrong with the string they have and what to do about it.
 */
import { hexToBytes } from 'nostr-tools/utils'
import { getPublicKey } from 'nostr-tools/pure'
import { err, ok, type Result } from '../../shared/result.ts'

export interface NwcConnection {
  /** The wallet service's key: it signs the responses we accept. */
  walletPubkey: string
  relays: string[]
  /** The connection secret: our signing and encryption key for this wallet only. */
  secretKey: Uint8Array
  /** The public half of `secretKey`; the wallet addresses its replies to it. */
  clientPubkey: string
  lud16?: string
}

// `nostrwalletconnect:` is the older spelling some wallets still hand out.
const SCHEMES = ['nostr+walletconnect:', 'nostrwalletconnect:']
const HEX64 = /^[0-9a-f]{64}$/
const LUD16 = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const AGAIN = 'Copy the connection string from your wallet again'

export const parseNwcUri = (input: string): Result<NwcConnection> => {
  const text = input.trim()
  if (text === '') return err(`The wallet connection string is empty. ${AGAIN}.`)
  const scheme = SCHEMES.find((s) => text.toLowerCase().startsWith(s))
  if (scheme === undefined) {
    return err(
      'This is not a Nostr Wallet Connect string: it should start with nostr+walletconnect://. ' +
        'In your wallet, look for "Nostr Wallet Connect" or "NWC" and create a new connection.',
    )
  }
  const rest = text.slice(scheme.length).replace(/^\/\//, '')
  const queryAt = rest.indexOf('?')
  const pubkeyPart = (queryAt < 0 ? rest : rest.slice(0, queryAt)).replace(/\/$/, '').toLowerCase()
  const query = new URLSearchParams(queryAt < 0 ? '' : rest.slice(queryAt + 1))

  if (!HEX64.test(pubkeyPart)) {
    return err(
      `The wallet key in the connection string ("${clip(pubkeyPart)}") is not 64 hex ` +
        `characters. ${AGAIN}; it may have been cut short.`,
    )
  }

  const relays: string[] = []
  for (const raw of query.getAll('relay')) {
    const relay = parseRelay(raw)
    if (!relay.ok) return relay
    if (!relays.includes(relay.value)) relays.push(relay.value)
  }
  if (relays.length === 0) {
    return err(`The connection string names no relay (relay=wss://...). ${AGAIN}.`)
  }

  const secret = (query.get('secret') ?? '').trim().toLowerCase()
  if (secret === '') {
    return err(`The connection string has no secret (secret=...). ${AGAIN}.`)
  }
  if (!HEX64.test(secret)) {
    return err(`The secret in the connection string is not 64 hex characters. ${AGAIN}.`)
  }
  const secretKey = hexToBytes(secret)
  let clientPubkey: string
  try {
    clientPubkey = getPublicKey(secretKey)
  } catch {
    return err(`The secret in the connection string is not a usable key. ${AGAIN}.`)
  }
  if (clientPubkey === pubkeyPart) {
    return err(
      'The connection string uses the same key for the wallet and for this app, which ' +
        'cannot be right. Create a new connection in your wallet.',
    )
  }

  // We never pay to the lightning address, so a malformed one is dropped rather than refused.
  const lud16 = query.get('lud16')?.trim()
  const connection: NwcConnection = { walletPubkey: pubkeyPart, relays, secretKey, clientPubkey }
  if (lud16 !== undefined && LUD16.test(lud16)) connection.lud16 = lud16
  return ok(connection)
}

const parseRelay = (raw: string): Result<string> => {
  const trimmed = raw.trim()
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return err(`The relay "${clip(trimmed)}" in the connection string is not a URL. ${AGAIN}.`)
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    return err(
      `The relay "${clip(trimmed)}" in the connection string is not a WebSocket address ` +
        `(wss://...). ${AGAIN}.`,
    )
  }
  // Keep the relay as the wallet wrote it (minus a bare trailing slash), so logs match its UI.
  return ok(trimmed.replace(/(\/\/[^/]+)\/$/, '$1'))
}

/** A wallet in words for logs and the UI: never the secret. */
export const describeNwc = (c: Pick<NwcConnection, 'walletPubkey' | 'relays'>): string =>
  `wallet ${c.walletPubkey.slice(0, 8)}… via ${c.relays.join(', ')}`

const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s)
