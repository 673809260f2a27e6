import {
  buildAnnouncement,
  buildHeartbeat,
  buildProfile,
  buildRelayList,
  HEARTBEAT_PERIOD_S,
  KIND_HEARTBEAT,
  resolveProfile,
  type EventTemplate,
  type Liveness,
  type NostrEvent,
  type Offer,
  type ProviderProfile,
} from '../../shared/nip90/index.ts'
import { defaultModelOf, offeredOf } from '../../shared/models.ts'
import { priceOf, quoteMsats } from '../../shared/pricing.ts'
import type { Settings } from '../../shared/settings.ts'
import type { ModelInfo } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'

export interface DiscoveryDeps {
  settings: () => Settings
  /** What the person typed for the provider profile (empty fields get defaults). */
  profile: () => ProviderProfile
  installed: () => ModelInfo[]
  pubkey: () => string
  sign: (template: EventTemplate) => NostrEvent
  /** To our relays; true when one of them took it. */
  publish: (event: NostrEvent) => Promise<boolean>
  /** The key's current kind 0 on our relays, null when they have none, undefined when no relay
   * could be asked (not connected yet). */
  findProfile: () => Promise<NostrEvent | null | undefined>
  log: Log
  now: () => number
}

/** Marks the kind 0 profiles this app wrote, so it never replaces one written elsewhere. */
const CLIENT_TAG = ['client', 'Sell Compute']

export const offerOf = (s: Settings, installed: ModelInfo[]): Offer => {
  // Only what is for sale: a customer asking for anything else gets the default.
  const forSale = offeredOf(installed, s.offeredModels)
  const defaultModel = defaultModelOf(forSale, s.defaultModel)?.name ?? ''
  return {
    models: forSale.map((m) => m.name),
    defaultModel,
    maxTokens: s.maxTokensCap,
    pricePerJobSats: s.pricePerJobSats,
    pricePer1kTokensSats: s.pricePer1kTokensSats,
    priceMsats: quoteMsats(s, undefined, 0, defaultModel || undefined),
    prices: forSale.map((m) => ({
      model: m.name,
      ...priceOf(s, m.name),
      priceMsats: quoteMsats(s, undefined, 0, m.name),
    })),
  }
}

/**
 * While online: announce (NIP-89), publish the profile (kind 0) and the relay list (kind
 * 10002) whenever a relay connects and whenever what they say changes, and send a heartbeat
 * every period so clients can show liveness. Going offline says so at once.
 */
export const startDiscovery = (d: DiscoveryDeps) => {
  const nowS = () => Math.floor(d.now() / 1000)
  // All are replaceable, and of two versions with the same created_at a relay keeps the lower
  // id (NIP-01): a change published within the second of the last one could be lost.
  const last = new Map<number, number>()
  const stamp = (kind: number) => {
    const at = Math.max(nowS(), (last.get(kind) ?? 0) + 1)
    last.set(kind, at)
    return at
  }
  const sent = new Map<number, string>()
  /** Publish when its content changed (or on force); a failed publish is tried again next time. */
  const send = async (template: EventTemplate, force: boolean): Promise<boolean> => {
    const signature = JSON.stringify([template.tags, template.content])
    if (!force && sent.get(template.kind) === signature) return false
    sent.set(template.kind, signature)
    const event = d.sign({ ...template, created_at: stamp(template.kind) })
    if (await d.publish(event)) return true
    sent.delete(template.kind)
    throw new Error(`no relay took kind ${template.kind}`)
  }

  // An imported key may be a person's own: their profile is theirs, never overwritten.
  let ownsProfile: boolean | null = null
  const mayWriteProfile = async (): Promise<boolean> => {
    if (ownsProfile !== null) return ownsProfile
    const existing = await d.findProfile()
    // Nobody to ask yet: write nothing now; the next announcement (on connect) asks again.
    if (existing === undefined) return false
    ownsProfile =
      !existing || existing.tags.some((t) => t[0] === CLIENT_TAG[0] && t[1] === CLIENT_TAG[1])
    if (!ownsProfile)
      d.log('warn', 'this key already has a profile (kind 0) made elsewhere: it is kept as it is')
    return ownsProfile
  }

  const announce = async (force: boolean) => {
    const s = d.settings()
    const offer = offerOf(s, d.installed())
    const profile = resolveProfile(d.profile(), offer)
    const now = nowS()
    const listing = send(buildAnnouncement({ pubkey: d.pubkey(), profile, offer, now }), force)
    const relays = send(buildRelayList(s.relays, now), force)
    const card = mayWriteProfile().then(
      (mine) => mine && send({ ...buildProfile(profile, now), tags: [CLIENT_TAG] }, force),
    )
    const [announced] = await Promise.all([listing, relays, card])
    if (announced) d.log('info', `announced ${offer.models.length} model(s) (NIP-89)`)
  }
  const beat = (status: Liveness) =>
    d.publish(d.sign(buildHeartbeat(d.pubkey(), stamp(KIND_HEARTBEAT), status)))
  const safely = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => d.log('warn', `announcement not sent: ${errorText(e)}`),
    )
  let timer: ReturnType<typeof setInterval> | null = setInterval(
    () => void safely(Promise.all([announce(false), beat('online')])),
    HEARTBEAT_PERIOD_S * 1000,
  )
  const stop = () => {
    if (timer) clearInterval(timer)
    timer = null
  }
  return {
    stop,
    /** Stop beating and say "offline" now: clients stop listing a provider that takes no jobs. */
    offline: async (): Promise<void> => {
      stop()
      await safely(
        beat('offline').then((ok) => {
          if (!ok) throw new Error('no relay took the offline heartbeat')
        }),
      )
    },
    /** force: on a new relay connection; otherwise only what changed. */
    announceNow: (force = true) =>
      void safely(force ? Promise.all([announce(true), beat('online')]) : announce(false)),
  }
}

/** The profile as the person typed it in Settings. */
export const profileOf = (s: Settings): ProviderProfile => ({
  name: s.providerName,
  about: s.providerAbout,
  picture: s.providerPicture,
  lightningAddress: s.lightningAddress,
})
