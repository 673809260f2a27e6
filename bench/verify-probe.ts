/**
 * Loaded into the app's engine worker by the flood (a dynamic import over CDP): how many
 * requests a second that worker can check when it does nothing else, with the engine's own
 * check (src/worker/relay/verify.ts: shape, then signature, with libsecp256k1 in wasm as the
 * engine has it loaded). The flood's intake rate is judged against this ceiling, measured in
 * the same worker in the same run.
 */
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure'
import { loadFastSignatures } from '../src/worker/relay/signatures.ts'
import { checkEvent } from '../src/worker/relay/verify.ts'

export const verifyRate = async (samples: number): Promise<number> => {
  const how = await loadFastSignatures()
  if (how !== 'wasm') throw new Error(`the wasm verifier did not load: ${how}`)
  const sk = generateSecretKey()
  const now = Math.floor(Date.now() / 1000)
  const frames = Array.from({ length: samples }, (_, i) =>
    JSON.stringify(
      finalizeEvent(
        {
          kind: 5050,
          created_at: now,
          tags: [
            ['i', `tokens:4 ceiling ${i}`, 'text'],
            ['output', 'text/plain'],
            ['p', '0'.repeat(64)],
          ],
          content: '',
        },
        sk,
      ),
    ),
  )
  // From the frame's text, as a relay connection hands it over: parse, then check.
  const started = performance.now()
  for (const frame of frames) {
    if (!checkEvent(JSON.parse(frame)).ok) throw new Error('a good event failed the check')
  }
  return samples / ((performance.now() - started) / 1000)
}
