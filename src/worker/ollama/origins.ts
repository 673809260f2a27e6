/**
 * Which pages Ollama lets call it, and what Chromium's Local Network Access asks of a page
 * that calls a machine on the local network. Ollama allows http(s)://localhost, 127.0.0.1 and
 * 0.0.0.0 on any port (and app://, file://, tauri://, vscode-webview://, vscode-file://)
 * whatever OLLAMA_ORIGINS says (envconfig/config.go AllowedOrigins); any other origin, a
 * hosted https site or a LAN name, must be listed in OLLAMA_ORIGINS.
 */

const DEFAULT_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0'])
const DEFAULT_SCHEMES = new Set(['app:', 'file:', 'tauri:', 'vscode-webview:', 'vscode-file:'])

const parse = (url: string): URL | undefined => {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/** Whether a stock Ollama answers a page on this origin without any OLLAMA_ORIGINS. */
export const allowedByDefault = (origin: string): boolean => {
  const u = parse(origin)
  if (!u) return false
  if (DEFAULT_SCHEMES.has(u.protocol)) return true
  return (u.protocol === 'http:' || u.protocol === 'https:') && DEFAULT_HOSTS.has(u.hostname)
}

export type AddressSpace = 'loopback' | 'local'

const PRIVATE_V4 = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./]

/**
 * The address space Chromium's Local Network Access puts a URL in, when its host says so
 * (an IP, localhost, a .local name); undefined when only DNS could tell. Since Chrome 142
 * loopback and local are told apart, and a wrong `targetAddressSpace` is refused.
 */
export const addressSpaceOf = (url: string): AddressSpace | undefined => {
  const host = parse(url)?.hostname.replace(/^\[|\]$/g, '')
  if (host === undefined) return undefined
  if (host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1')
    return 'loopback'
  if (PRIVATE_V4.some((r) => r.test(host)) || host.endsWith('.local')) return 'local'
  if (/^f[cd][0-9a-f]{2}:/i.test(host) || /^fe80:/i.test(host)) return 'local'
  return undefined
}

/** A page from the internet calling this URL meets Chromium's local network access prompt. */
const meetsPrompt = (origin: string, url: string) =>
  addressSpaceOf(origin) === undefined && addressSpaceOf(url) !== undefined

export const LOCAL_NETWORK_PROMPT =
  'Chromium asks once whether this page may "look for and connect to any device on your local network": choose Allow. ' +
  'If it was blocked, open the site settings (the icon left of the address bar), set Local network access to Allow, and reload.'

/** Ollama answers, but not to this page: what to change, with the page's real origin. */
export const blockedAdvice = (origin: string, url: string): { reason: string; fix: string } => {
  const reason = `Ollama at ${url} is running but does not allow requests from this page (${origin}).`
  if (allowedByDefault(origin)) {
    return {
      reason,
      fix:
        `Ollama allows pages on localhost, 127.0.0.1 and 0.0.0.0 (any port) by default, so something else refused ${origin}: ` +
        `a proxy in front of Ollama, or a URL that is not Ollama. Check the Ollama URL in Settings (now ${url}); ` +
        `if a proxy must stay, let it pass the Origin header, or list the origin there too: OLLAMA_ORIGINS=${origin} ollama serve`,
    }
  }
  const prompt = meetsPrompt(origin, url) ? ` ${LOCAL_NETWORK_PROMPT}` : ''
  return {
    reason,
    fix:
      `A page served from ${origin} must be listed in OLLAMA_ORIGINS. Restart Ollama with: OLLAMA_ORIGINS=${origin} ollama serve` +
      ` (on macOS: launchctl setenv OLLAMA_ORIGINS "${origin}", then restart the Ollama app; on Windows: set it in the environment variables, then restart Ollama).${prompt}`,
  }
}

/** Nothing answers: start Ollama, fix the URL, or (from a hosted page) allow local network access. */
export const unreachableFix = (origin: string, url: string): string => {
  const start = `Start Ollama (ollama serve), or correct the Ollama URL in Settings (now ${url}).`
  if (!meetsPrompt(origin, url)) return start
  const mixed =
    parse(origin)?.protocol === 'https:' && parse(url)?.protocol === 'http:'
      ? ' Chromium lets an https page call http:// on the local network only once that is allowed.'
      : ''
  return `${start} ${LOCAL_NETWORK_PROMPT}${mixed}`
}
