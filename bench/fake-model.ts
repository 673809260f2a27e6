/**
 * What the fake Ollama answers in the bench: a prompt `tokens:N ...` gets exactly N tokens,
 * so a phase chooses how long a generation is; anything else gets the usual echo.
 */
import { echoReply } from '../fixtures/fake-ollama.ts'

const MAX_TOKENS = 100_000

export const benchPrompt = (tokens: number, tag: string): string => `tokens:${tokens} ${tag}`

export const benchReply = (prompt: string): string => {
  const match = /^tokens:(\d+)\b/.exec(prompt)
  if (match === null) return echoReply(prompt)
  const n = Math.min(MAX_TOKENS, Number(match[1]))
  // The fake's tokenizer makes one token per word with its leading space.
  return Array.from({ length: n }, (_, i) => ` t${i % 10}`).join('')
}
