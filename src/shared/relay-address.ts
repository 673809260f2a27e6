/**
 * Which relays a customer may send the provider to. A relay named in a request (a `relays`
 * tag, an input's relay hint, a kind 10002 list) is the customer's choice, not the provider's:
 * followed blindly it would let anyone aim the provider's connections at its own machine or
 * its LAN (issue 12). Checked before any connection is made.
 */

/** Why the provider will not connect to this customer relay, or undefined when it may. */
export const customerRelayProblem = (
  raw: string,
  o: { allowPrivate: boolean },
): string | undefined => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'not a URL'
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') return 'not a relay URL (wss://)'
  if (o.allowPrivate) return undefined
  if (url.protocol !== 'wss:')
    return 'not encrypted (ws://); only public wss:// relays are followed'
  const where = privateHost(url.hostname)
  return where ? `a ${where} address; only public relays are followed` : undefined
}

/** 'loopback', 'private', 'link-local' or 'local-name' for a host that is not public. */
export const privateHost = (hostname: string): string | undefined => {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback'
  if (host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.lan'))
    return 'local-name'
  // A name without a dot never resolves on the public internet (intranet hosts, "router").
  if (!host.includes('.') && !host.includes(':')) return 'local-name'
  const v4 = ipv4(host)
  if (v4) return ipv4Kind(v4)
  if (host.includes(':')) return ipv6Kind(host)
  return undefined
}

// WHATWG URL already turns 0x7f.1, 2130706433 and the like into dotted decimal.
const ipv4 = (host: string): number[] | undefined => {
  const parts = host.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined
  const n = parts.map(Number)
  return n.every((x) => x <= 255) ? n : undefined
}

const ipv4Kind = ([a = 0, b = 0]: number[]): string | undefined => {
  if (a === 127 || a === 0) return 'loopback'
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'
  if (a === 100 && b >= 64 && b <= 127) return 'private' // carrier-grade NAT
  if (a === 169 && b === 254) return 'link-local'
  if (a >= 224) return 'private' // multicast and reserved
  return undefined
}

const ipv6Kind = (host: string): string | undefined => {
  if (host === '::1' || host === '::') return 'loopback'
  // IPv4-mapped (::ffff:127.0.0.1, which URL writes as ::ffff:7f00:1).
  const mapped = host.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/)
  if (mapped) {
    const hi = parseInt(mapped[1] ?? '0', 16)
    const lo = parseInt(mapped[2] ?? '0', 16)
    return ipv4Kind([hi >> 8, hi & 255, lo >> 8, lo & 255])
  }
  const first = parseInt(host.split(':')[0] || '0', 16)
  if ((first & 0xfe00) === 0xfc00) return 'private' // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return 'link-local' // fe80::/10
  return undefined
}
