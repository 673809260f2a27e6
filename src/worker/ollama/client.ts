import { Ollama } from 'ollama/browser'
import { addressSpaceOf } from './origins.ts'

/** Chromium's Local Network Access option (Chrome 142+); other browsers ignore it. */
type LocalNetworkInit = RequestInit & { targetAddressSpace?: 'loopback' | 'local' }

/**
 * An `ollama` browser client whose every request carries `signal` and a timeout: the
 * library has no per-call signal for plain requests, so it goes in through `fetch`. A URL on
 * this machine or the LAN also says so (`targetAddressSpace`), which lets Chromium ask the
 * person for local network access instead of refusing an https page outright.
 */
export const ollamaClient = (host: string, signal: AbortSignal, timeoutMs: number): Ollama =>
  new Ollama({
    host,
    fetch: (input, init) => {
      const signals = [signal, AbortSignal.timeout(timeoutMs)]
      if (init?.signal) signals.push(init.signal)
      return fetch(input, localNetworkInit(host, { ...init, signal: AbortSignal.any(signals) }))
    },
  })

/** `init` plus the address space of `url` when its host tells it. */
export const localNetworkInit = (url: string, init: RequestInit): RequestInit => {
  const space = addressSpaceOf(url)
  return space === undefined ? init : ({ ...init, targetAddressSpace: space } as LocalNetworkInit)
}
