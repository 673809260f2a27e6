/**
 * Serve the built app (dist/) on 127.0.0.1, as the e2e tests do.
 *
 *   npx tsx scripts/serve.ts [--port 4173]
 */
import { parseArgs } from 'node:util'
import { serveApp } from '../fixtures/serve-app.ts'

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } })
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port wants a port number, got "${values.port}"`)
  process.exit(2)
}

const app = await serveApp({ port })
console.log(`Serving dist/ at ${app.url}`)

const stop = async () => {
  await app.stop()
  console.log('stopped')
}
process.once('SIGINT', () => void stop())
process.once('SIGTERM', () => void stop())
