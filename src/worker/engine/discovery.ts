import { buildAnnouncement, buildHeartbeat, HEARTBEAT_PERIOD_S } from '../../shared/nip90/index.ts'
import { offeredOf } from '../../shared/models.ts'
import { errorText } from '../log.ts'
import { publish, sign, type JobContext } from './context.ts'

/**
 * While online: announce (NIP-89) whenever a relay connects and whenever the installed models
 * or prices change, and send a heartbeat every period so clients can show liveness.
 */
export const startDiscovery = (ctx: JobContext) => {
  let announced = ''
  const nowS = () => Math.floor(ctx.now() / 1000)
  // Both kinds are replaceable, and of two versions with the same created_at a relay keeps the
  // lower id (NIP-01): a change announced within the second of the last one could be lost.
  const last = new Map<string, number>()
  const stamp = (series: string) => {
    const at = Math.max(nowS(), (last.get(series) ?? 0) + 1)
    last.set(series, at)
    return at
  }
  const announce = async (force: boolean) => {
    const s = ctx.settings()
    // Only what is for sale: a customer asking for anything else gets the default.
    const models = offeredOf(ctx.ollama().models, s.offeredModels).map((m) => m.name)
    const signature = JSON.stringify([
      models,
      s.maxTokensCap,
      s.pricePerJobSats,
      s.pricePer1kTokensSats,
    ])
    if (!force && signature === announced) return
    announced = signature
    const template = buildAnnouncement({
      pubkey: ctx.key().pubkey,
      models,
      maxTokens: s.maxTokensCap,
      pricePerJobSats: s.pricePerJobSats,
      pricePer1kTokensSats: s.pricePer1kTokensSats,
      now: stamp('announcement'),
    })
    if (await publish(ctx, sign(ctx, template), [])) {
      ctx.hub.log('info', `announced ${models.length} model(s) (NIP-89)`)
    } else announced = ''
  }
  const beat = () =>
    publish(ctx, sign(ctx, buildHeartbeat(ctx.key().pubkey, stamp('heartbeat'))), [])
  const safely = (p: Promise<unknown>) =>
    void p.catch((e) => ctx.hub.log('warn', `announcement not sent: ${errorText(e)}`))
  const timer = setInterval(
    () => safely(Promise.all([announce(false), beat()])),
    HEARTBEAT_PERIOD_S * 1000,
  )
  return {
    stop: () => clearInterval(timer),
    /** force: on a new relay connection; otherwise only when something changed. */
    announceNow: (force = true) =>
      safely(force ? Promise.all([announce(true), beat()]) : announce(false)),
  }
}
