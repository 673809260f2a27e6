/**
 * Managing the models this provider sells: pull with progress and cancel, delete, and the list
 * offered for sale. After a pull or delete Ollama is checked again, so every pane (and the
 * NIP-89 announcement) sees the new list.
 */
import { parseModelName } from '../../shared/models.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import { SETTING_FIELDS, type Settings } from '../../shared/settings.ts'
import { CODECS } from '../../shared/setting-kinds.ts'
import type { Commands, OllamaStatus, PullEvent } from '../../shared/worker-api.ts'
import { errorText } from '../log.ts'
import { deleteModel, pullModel, type PullProgress } from '../ollama/pull.ts'
import type { Hub } from './hub.ts'

export interface ModelDeps {
  hub: Hub
  settings: () => Settings
  /** Check Ollama again and publish what it has. */
  refresh: () => Promise<OllamaStatus>
  /** Save settings changed here, and publish them. */
  saveSettings: (next: Settings) => Promise<void>
  now?: () => number
}

type Command<K extends keyof Commands> = Commands[K]['payload'] extends void
  ? () => Promise<Commands[K]['result']>
  : (payload: Commands[K]['payload']) => Promise<Commands[K]['result']>

export interface ModelCommands {
  pullModel: Command<'pullModel'>
  cancelPull: Command<'cancelPull'>
  deleteModel: Command<'deleteModel'>
  setOfferedModels: Command<'setOfferedModels'>
  setModelPrice: Command<'setModelPrice'>
}

/** Ollama streams many lines a second while downloading; a bar needs a few. */
const PULL_EVENT_EVERY_MS = 250

export const createModelCommands = (d: ModelDeps) => {
  const now = d.now ?? Date.now
  const pulls = new Map<string, AbortController>()
  const closing = new AbortController()
  const emit = (e: Omit<PullEvent, 'type'>) => d.hub.emit({ type: 'pull', ...e })

  // A status change always goes out; byte counts at most every PULL_EVENT_EVERY_MS.
  const throttled = (name: string) => {
    let last = -Infinity
    let lastStatus = ''
    return (p: PullProgress) => {
      const t = now()
      // Byte counts come with "pulling <digest>"; the steps around them are worth showing each.
      const kind = p.status.startsWith('pulling ') && p.total !== undefined ? 'bytes' : p.status
      if (kind === lastStatus && t - last < PULL_EVENT_EVERY_MS) return
      last = t
      lastStatus = kind
      emit({ name, ...p })
    }
  }

  const commands: ModelCommands = {
    async pullModel(raw) {
      const parsed = parseModelName(raw)
      if (!parsed.ok) return parsed
      const name = parsed.value
      if (pulls.has(name)) return err(`${name} is already being pulled`)
      const abort = new AbortController()
      pulls.set(name, abort)
      const url = d.settings().ollamaUrl
      d.hub.log('info', `pulling model ${name} from ${url}`)
      emit({ name, status: 'starting' })
      try {
        await pullModel({
          url,
          name,
          signal: AbortSignal.any([abort.signal, closing.signal]),
          onProgress: throttled(name),
        })
      } catch (e) {
        const reason = abort.signal.aborted ? 'cancelled' : `${errorText(e)}`
        emit({
          name,
          status: abort.signal.aborted ? 'cancelled' : 'failed',
          done: true,
          error: reason,
        })
        d.hub.log(abort.signal.aborted ? 'info' : 'warn', `pull of ${name}: ${reason}`)
        return err(abort.signal.aborted ? 'Cancelled' : `Pull of ${name} failed: ${reason}`)
      } finally {
        pulls.delete(name)
      }
      emit({ name, status: 'success', done: true })
      d.hub.log('info', `model ${name} pulled`)
      await d.refresh()
      return ok(undefined)
    },

    async cancelPull(name) {
      pulls.get(name)?.abort()
    },

    async deleteModel(raw) {
      const parsed = parseModelName(raw)
      if (!parsed.ok) return parsed
      const name = parsed.value
      if (pulls.has(name)) return err(`${name} is being pulled: cancel the pull first`)
      try {
        await deleteModel(d.settings().ollamaUrl, name, closing.signal)
      } catch (e) {
        const notThere = (e as { status_code?: number }).status_code === 404
        const reason = notThere ? `${name} is not installed in Ollama` : errorText(e)
        d.hub.log('warn', `delete of ${name}: ${reason}`)
        await d.refresh()
        return err(notThere ? reason : `Could not delete ${name}: ${reason}`)
      }
      d.hub.log('info', `model ${name} deleted from Ollama`)
      await d.refresh()
      return ok(undefined)
    },

    async setOfferedModels(names): Promise<Result<Settings>> {
      const offered: string[] = []
      for (const raw of names) {
        const parsed = parseModelName(raw)
        if (!parsed.ok) return parsed
        const name = parsed.value
        if (!offered.includes(name)) offered.push(name)
      }
      const next = { ...d.settings(), offeredModels: offered }
      await d.saveSettings(next)
      d.hub.log(
        'info',
        offered.length === 0
          ? 'every installed model is offered for sale'
          : `models offered for sale: ${offered.join(', ')}`,
      )
      return ok(next)
    },

    async setModelPrice({ model: raw, perJobSats, per1kTokensSats }) {
      const parsed = parseModelName(raw)
      if (!parsed.ok) return parsed
      const model = parsed.value
      const { [model]: _old, ...prices } = d.settings().modelPrices
      if (perJobSats.trim() !== '' || per1kTokensSats.trim() !== '') {
        // The same words and bounds as the default prices in Settings, naming the model.
        const sats = (text: string, row: typeof SETTING_FIELDS.pricePerJobSats) =>
          CODECS.whole.parse(text.trim() === '' ? '0' : text, {
            ...row,
            label: `${row.label} for ${model}`,
          })
        const base = sats(perJobSats, SETTING_FIELDS.pricePerJobSats)
        if (!base.ok) return base
        const per1k = sats(per1kTokensSats, SETTING_FIELDS.pricePer1kTokensSats)
        if (!per1k.ok) return per1k
        prices[model] = { perJobSats: base.value, per1kTokensSats: per1k.value }
      }
      const next = { ...d.settings(), modelPrices: prices }
      await d.saveSettings(next)
      const own = prices[model]
      d.hub.log(
        'info',
        own
          ? `${model} is sold at ${own.perJobSats} sats per job + ${own.per1kTokensSats} sats per 1k tokens`
          : `${model} is sold at the default prices`,
      )
      return ok(next)
    },
  }

  return {
    commands,
    stop: () => closing.abort(),
  }
}
