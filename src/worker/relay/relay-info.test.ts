import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { fetchRelayInfo, infoUrl, parseRelayInfo } from './relay-info.ts'

describe('parseRelayInfo', () => {
  it('keeps the limitation fields the provider acts on (strfry shape)', () => {
    const doc = {
      name: 'strfry default',
      limitation: {
        max_message_length: 131072,
        max_subscriptions: 20,
        max_event_tags: 2000,
        max_content_length: 65536,
        min_pow_difficulty: 0,
        auth_required: true,
        payment_required: false,
        restricted_writes: false,
      },
    }
    expect(parseRelayInfo(JSON.stringify(doc))).toEqual({
      name: 'strfry default',
      limits: {
        maxMessageLength: 131072,
        maxEventTags: 2000,
        maxContentLength: 65536,
        authRequired: true,
        paymentRequired: false,
        restrictedWrites: false,
      },
    })
  })

  it.each([
    ['{"name": "x", "limitation": ', 'not JSON'],
    ['[1,2]', 'not a JSON object'],
    ['null', 'not a JSON object'],
    ['"text"', 'not a JSON object'],
  ])('says what is wrong with a malformed document: %s', (text, why) => {
    const r = parseRelayInfo(text)
    expect('problem' in r && r.problem).toContain(why)
  })

  it('ignores fields of the wrong type instead of trusting them', () => {
    const doc = {
      limitation: { max_message_length: '65536', max_event_tags: -1, auth_required: 1 },
    }
    expect(parseRelayInfo(JSON.stringify(doc))).toEqual({ limits: {} })
    expect(parseRelayInfo('{"limitation": 7}')).toEqual({ limits: {} })
  })
})

describe('fetchRelayInfo', () => {
  let close = () => {}
  afterEach(() => close())
  const serve = async (answer: (accept: string) => [number, string]) => {
    const server = createServer((req, res) => {
      const [status, body] = answer(String(req.headers.accept))
      res.writeHead(status, { 'Content-Type': 'application/nostr+json' }).end(body)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    close = () => {
      server.closeAllConnections()
      server.close()
    }
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('asks for application/nostr+json at the http address', async () => {
    const url = await serve((accept) =>
      accept === 'application/nostr+json'
        ? [200, '{"limitation":{"max_message_length":65536}}']
        : [406, ''],
    )
    const info = await fetchRelayInfo(url, 2000, new AbortController().signal)
    expect(info).toEqual({ limits: { maxMessageLength: 65536 } })
    expect(infoUrl('wss://relay.example/x')).toBe('https://relay.example/x')
  })

  it('says so when the relay answers an error, or nothing, in time', async () => {
    const url = await serve(() => [500, 'oops'])
    expect(await fetchRelayInfo(url, 2000, new AbortController().signal)).toEqual({
      problem: 'its NIP-11 document answered HTTP 500',
    })
    const silent = createServer(() => {})
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    const port = (silent.address() as AddressInfo).port
    const started = Date.now()
    const r = await fetchRelayInfo(`ws://127.0.0.1:${port}`, 200, new AbortController().signal)
    expect('problem' in r && r.problem).toContain('could not be fetched')
    expect(Date.now() - started).toBeLessThan(2000)
    silent.closeAllConnections()
    silent.close()
  })
})
