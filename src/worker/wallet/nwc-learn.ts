/**
 * What an NWC connection may do, learned the way real wallets allow: from the wallet's kind
 * 13194 info event when it publishes one, else (CoinOS publishes none) by asking `get_info`
 * in NIP-04, the scheme every wallet speaks. What was learned, and how, is said in words.
 */
import type { Log } from '../log.ts'
import type { NwcChannel } from './nwc-channel.ts'
import { chooseEncryption, parseGetInfo, parseNwcInfo, type NwcEncryption } from './nwc-codec.ts'
import type { NwcConnection } from './nwc-uri.ts'
import { WalletError } from './wallet.ts'

export interface NwcAbilities {
  methods: string[]
  encryption: NwcEncryption
  notifies: boolean
  /** What is known about the wallet and how, for the Wallet pane. */
  about: string
}

const NEEDED = ['make_invoice', 'lookup_invoice']
// A wallet that neither publishes nor answers get_info is assumed to do what selling needs;
// a call it cannot do still fails in words, and nothing is lost by trying.
const ASSUMED = [...NEEDED]

const missingWords = (methods: string[]) => {
  const missing = NEEDED.filter((m) => !methods.includes(m))
  return missing.length === 0
    ? null
    : new WalletError(
        `This wallet connection cannot ${missing.join(' or ')}, which selling needs. In your ` +
          'wallet, create a connection that may receive payments (make and look up invoices).',
        'unsupported',
      )
}

export const learnAbilities = async (
  channel: NwcChannel,
  c: NwcConnection,
  o: { timeoutMs: number; signal: AbortSignal; log: Log },
): Promise<NwcAbilities> => {
  const info = await channel.fetchInfo(o.timeoutMs, o.signal)
  if (info !== null) {
    const parsed = parseNwcInfo(info)
    const missing = missingWords(parsed.methods)
    if (missing) throw missing
    const chosen = chooseEncryption(parsed)
    if (!chosen.ok) throw new WalletError(chosen.error, 'unsupported')
    const notifies = parsed.notifications.includes('payment_received')
    return {
      methods: parsed.methods,
      encryption: chosen.value,
      notifies,
      about:
        `It publishes what it can do: ${parsed.methods.join(', ')}` +
        (notifies ? '; it announces payments itself.' : '; it sends no payment notifications.'),
    }
  }
  o.log('info', 'Wallet: no info event (kind 13194) on its relays; asking it with get_info')
  const none = `It publishes no description of itself (no kind 13194 event on ${c.relays.join(', ')}), so this app speaks NIP-04 with it`
  let answer: Record<string, unknown>
  try {
    answer = await channel.request(
      'get_info',
      {},
      {
        encryption: 'nip04',
        timeoutMs: o.timeoutMs,
        signal: o.signal,
      },
    )
  } catch (e) {
    if (!(e instanceof WalletError) || e.code === 'timeout' || e.code === 'unreachable') {
      throw new WalletError(
        `The wallet has not published what it can do (no kind 13194 info event on ` +
          `${c.relays.join(', ')}) and did not answer either. Check that the wallet service is ` +
          'online, or copy the connection string again.',
        'unreachable',
      )
    }
    // It answered, only not get_info: it is there, and speaks NIP-04.
    return {
      methods: ASSUMED,
      encryption: 'nip04',
      notifies: false,
      about: `${none} and assumes it can make and look up invoices (it would not say more: ${e.message})`,
    }
  }
  const learned = parseGetInfo(answer)
  const methods = learned.methods.length > 0 ? learned.methods : ASSUMED
  const missing = missingWords(methods)
  if (missing) throw missing
  const notifies = learned.notifications.includes('payment_received')
  return {
    methods,
    encryption: 'nip04',
    notifies,
    about:
      `${none}; over get_info it says it can: ${methods.join(', ')}` +
      (notifies ? '; it announces payments itself.' : '.'),
  }
}
