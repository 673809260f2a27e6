/**
 * The response headers the app must be served with, in one table: Vite's preview server, the
 * test and demo server and the `_headers` file in the build (Netlify, Cloudflare Pages) all
 * read it. A `<meta>` policy covers only the page; a worker obeys the policy sent with its
 * own script, and the engine worker holds the key and the wallet secrets. So the policy has
 * to travel as a header, on the page and on each worker script.
 */

/** What everything that can run code shares: our own origin only. */
const BASE = [
  "default-src 'self'",
  // Relays can be anywhere and Ollama is on localhost or the LAN, so connect-src stays open.
  // ws:/wss: are spelled out for browsers whose `*` omits them.
  'connect-src * ws: wss:',
  "img-src 'self' data:",
  "base-uri 'self'",
  "object-src 'none'",
]

/** The page needs no WebAssembly: only the Spark SDK has some, and it runs in the worker. */
export const PAGE_CSP = [
  ...BASE,
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "form-action 'self'",
  // Only a header can forbid framing; browsers ignore this directive in a <meta>.
  "frame-ancestors 'none'",
].join('; ')

/** The policy the page's <meta> carries, for hosts that cannot send headers. */
export const META_CSP = PAGE_CSP.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ')

/**
 * The engine worker: the Spark SDK it loads on demand compiles WebAssembly, and a worker's
 * policy is fixed when its script loads, so the engine keeps 'wasm-unsafe-eval'.
 */
export const ENGINE_CSP = [...BASE, "script-src 'self' 'wasm-unsafe-eval'"].join('; ')

/** The service worker only caches files. */
export const SERVICE_WORKER_CSP = [...BASE, "script-src 'self'"].join('; ')

/** Where the build puts the engine worker's script (see vite.config.ts). */
export const ENGINE_SCRIPT = 'assets/engine-[hash].js'

export interface HeaderRule {
  /** A path, `*` matching any run of characters, as in Netlify's and Cloudflare's `_headers`. */
  path: string
  headers: Record<string, string>
}

const CSP = 'Content-Security-Policy'

// No two rules set the same header on one path: hosts join repeated headers with commas,
// and two policies in one header are both enforced (the worker would lose its WebAssembly).
export const HEADER_RULES: HeaderRule[] = [
  {
    path: '/*',
    headers: {
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    },
  },
  { path: '/', headers: { [CSP]: PAGE_CSP } },
  { path: '/index.html', headers: { [CSP]: PAGE_CSP } },
  { path: '/sw.js', headers: { [CSP]: SERVICE_WORKER_CSP } },
  { path: `/${ENGINE_SCRIPT.replace('[hash]', '*')}`, headers: { [CSP]: ENGINE_CSP } },
]

/** The rules as a `_headers` file: a path, then its headers indented, one per line. */
export const headersFile = (rules: readonly HeaderRule[]): string =>
  rules
    .map(({ path, headers }) =>
      [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n'),
    )
    .join('\n') + '\n'

/** Read a `_headers` file back; `#` lines are comments. */
export const parseHeadersFile = (text: string): HeaderRule[] => {
  const rules: HeaderRule[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue
    const rule = rules.at(-1)
    if (/^\s/.test(line) && rule) {
      const colon = line.indexOf(':')
      if (colon > 0) rule.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
    } else rules.push({ path: line.trim(), headers: {} })
  }
  return rules
}

const matches = (pattern: string, pathname: string): boolean => {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`).test(pathname)
}

/** The headers a static host sends for this path: every matching rule, repeats joined. */
export const headersFor = (
  rules: readonly HeaderRule[],
  pathname: string,
): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const rule of rules) {
    if (!matches(rule.path, pathname)) continue
    for (const [name, value] of Object.entries(rule.headers))
      out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`
  }
  return out
}
