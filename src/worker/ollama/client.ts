import { Ollama } from 'ollama/browser'

/**
 * An `ollama` browser client whose every request carries `signal` and a timeout: the
 * library has no per-call signal for plain requests, so it goes in through `fetch`.
 */
export const ollamaClient = (host: string, signal: AbortSignal, timeoutMs: number): Ollama =>
  new Ollama({
    host,
    fetch: (input, init) => {
      const signals = [signal, AbortSignal.timeout(timeoutMs)]
      if (init?.signal) signals.push(init.signal)
      return fetch(input, { ...init, signal: AbortSignal.any(signals) })
    },
  })
