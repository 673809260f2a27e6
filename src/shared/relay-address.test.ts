import { describe, expect, it } from 'vitest'
import { customerRelayProblem } from './relay-address.ts'

const strict = { allowPrivate: false }

describe('customerRelayProblem', () => {
  it.each(['wss://relay.damus.io', 'wss://nos.lol/', 'wss://8.8.8.8', 'wss://[2001:db8::1]'])(
    'follows a public wss:// relay: %s',
    (url) => expect(customerRelayProblem(url, strict)).toBeUndefined(),
  )

  it.each([
    ['ws://relay.damus.io', 'not encrypted'],
    ['wss://127.0.0.1:7777', 'loopback'],
    ['wss://127.9.9.9', 'loopback'],
    ['wss://2130706433', 'loopback'],
    ['wss://0x7f.1', 'loopback'],
    ['wss://localhost:4869', 'loopback'],
    ['wss://relay.localhost', 'loopback'],
    ['wss://[::1]:80', 'loopback'],
    ['wss://[::ffff:127.0.0.1]', 'loopback'],
    ['wss://0.0.0.0', 'loopback'],
    ['wss://10.1.2.3', 'private'],
    ['wss://172.16.0.9', 'private'],
    ['wss://172.31.255.1', 'private'],
    ['wss://192.168.1.20:4869', 'private'],
    ['wss://100.64.0.1', 'private'],
    ['wss://[fd00::1]', 'private'],
    ['wss://169.254.169.254', 'link-local'],
    ['wss://[fe80::1]', 'link-local'],
    ['wss://printer.local', 'local-name'],
    ['wss://router', 'local-name'],
    ['https://relay.damus.io', 'not a relay URL'],
    ['not a url', 'not a URL'],
  ])('refuses %s (%s) by default', (url, why) => {
    expect(customerRelayProblem(url, strict)).toContain(why)
  })

  it('lets the provider allow private and ws:// relays', () => {
    for (const url of ['ws://127.0.0.1:7777', 'wss://192.168.1.20', 'ws://localhost'])
      expect(customerRelayProblem(url, { allowPrivate: true })).toBeUndefined()
    expect(customerRelayProblem('http://x', { allowPrivate: true })).toContain('not a relay')
  })

  it('leaves 172.15 and 172.32 alone: they are public', () => {
    expect(customerRelayProblem('wss://172.15.0.1', strict)).toBeUndefined()
    expect(customerRelayProblem('wss://172.32.0.1', strict)).toBeUndefined()
  })
})
