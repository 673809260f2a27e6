/**
 * Keeping the models for sale in memory. Ollama loads a model on first use (seconds to tens of
 * seconds) and unloads it after keep_alive, so Go Online loads them first, default first, and
 * says "Loading <model>..." meanwhile; while online the default is loaded again whenever a
 * check finds it gone. A model that does not fit in memory is marked unusable, so it is
 * neither offered nor chosen; the next one for sale becomes the fallback.
 */
import { contextWindow } from '../../shared/context-window.ts'
import { defaultModelOf, offeredOf, sameModel } from '../../shared/models.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import type { Settings } from '../../shared/settings.ts'
import type { ModelInfo, OllamaStatus, UnusableModel } from '../../shared/worker-api.ts'
import { errorText, type Log } from '../log.ts'
import { classifyOllamaError } from '../ollama/errors.ts'
import { warmModel } from '../ollama/warm.ts'
import { keepAliveOf } from './generation.ts'

export interface WarmUpDeps {
  settings: () => Settings
  ollama: () => OllamaStatus
  /** Publish a change to the Ollama status (loading, unusable). */
  setOllama: (patch: Pick<OllamaStatus, 'loading' | 'unusable'>) => void
  /** Check Ollama again (models, and what is loaded). */
  refresh: () => Promise<OllamaStatus>
  log: Log
}

/** Ollama keeps about three models loaded at most (OLLAMA_MAX_LOADED_MODELS on a CPU). */
const WARM_AT_MOST = 3

export const createWarmUp = (d: WarmUpDeps) => {
  let abort = new AbortController()
  let warming: Promise<unknown> | null = null

  const forSale = (): ModelInfo[] => {
    const { models, unusable } = d.ollama()
    return offeredOf(models, d.settings().offeredModels, unusable)
  }
  const fallback = (skip: readonly string[] = []) =>
    defaultModelOf(
      forSale().filter((m) => !skip.includes(m.name)),
      d.settings().defaultModel,
    )
  const isLoaded = (name: string) => (d.ollama().loaded ?? []).some((m) => sameModel(m.name, name))

  const markUnusable = (name: string, reason: string) => {
    const unusable: UnusableModel[] = [
      ...(d.ollama().unusable ?? []).filter((u) => !sameModel(u.name, name)),
      { name, reason },
    ]
    d.setOllama({ unusable })
    d.log('error', `${name} does not fit in this machine's memory: ${reason}. It is not offered.`)
  }

  /** Load one model; false when it cannot be (it was marked, or the list refreshed). */
  const load = async (model: ModelInfo, signal: AbortSignal): Promise<boolean> => {
    const s = d.settings()
    d.setOllama({ loading: [model.name] })
    try {
      const ms = await warmModel({
        url: s.ollamaUrl,
        model: model.name,
        keepAlive: keepAliveOf(s),
        numCtx: contextWindow(model, s.numCtx),
        timeoutMs: s.generationTimeoutSeconds * 1000,
        signal,
      })
      d.log(
        'info',
        `${model.name} loaded in ${(ms / 1000).toFixed(1)} s; kept for ${keepAliveOf(s)}`,
      )
      return true
    } catch (e) {
      if (signal.aborted) return false
      const problem = classifyOllamaError(e)
      if (problem.kind === 'out-of-memory') markUnusable(model.name, problem.text)
      else if (problem.kind === 'not-found' || problem.kind === 'cannot-generate') await d.refresh()
      else d.log('warn', `could not load ${model.name} ahead of jobs: ${errorText(e)}`)
      return problem.kind === 'other' || problem.kind === 'busy'
    } finally {
      d.setOllama({ loading: [] })
    }
  }

  /** Load the fallback model, moving on to the next for sale when one cannot run here. */
  const loadDefault = async (signal: AbortSignal): Promise<Result<ModelInfo>> => {
    // Each model is tried once: one that fails in a way a refresh does not explain stays listed.
    const tried: string[] = []
    for (let model = fallback(); model; model = fallback(tried)) {
      if (await load(model, signal)) return ok(model)
      if (signal.aborted) return err('Went offline while loading models.')
      tried.push(model.name)
    }
    const why = (d.ollama().unusable ?? []).map((u) => `${u.name}: ${u.reason}`).join('; ')
    return err(`No model for sale can run on this machine${why ? ` (${why})` : ''}.`)
  }

  /** The other models for sale, while they fit beside the default. */
  const loadOthers = async (first: ModelInfo, signal: AbortSignal) => {
    const others = forSale().filter((m) => !sameModel(m.name, first.name))
    for (const model of others.slice(0, WARM_AT_MOST - 1)) {
      if (signal.aborted || !(await load(model, signal))) return
      await d.refresh()
      if (!isLoaded(first.name)) {
        d.log(
          'info',
          `not enough memory to keep ${model.name} loaded beside ${first.name}: it loads on its first job`,
        )
        await load(first, signal)
        return
      }
    }
  }

  return {
    markUnusable,
    clearUnusable: () => d.setOllama({ unusable: [] }),

    /** Go Online: the default loaded before the first job is taken; the rest after. */
    async warmUp(): Promise<Result<ModelInfo>> {
      abort = new AbortController()
      const signal = abort.signal
      const first = await loadDefault(signal)
      if (!first.ok) return first
      warming = d
        .refresh()
        .then(() => loadOthers(first.value, signal))
        .finally(() => (warming = null))
      return first
    },

    /** While online: a default that Ollama unloaded is loaded again, once at a time. */
    keepWarm() {
      const model = fallback()
      if (!model || warming || isLoaded(model.name) || abort.signal.aborted) return
      d.log('info', `${model.name} was unloaded by Ollama: loading it again`)
      warming = load(model, abort.signal).then(() => d.refresh())
      void warming.finally(() => (warming = null))
    },

    stop() {
      abort.abort()
      d.setOllama({ loading: [] })
    },
  }
}

export type WarmUp = ReturnType<typeof createWarmUp>
