/**
 * The module graph of a Vite build, read from its output: what index.html loads, what each
 * chunk imports statically (fetched before it runs) or dynamically (fetched on demand), and
 * which chunk is started as the engine worker. Pure: files come in as text.
 */
import { posix } from 'node:path'

export interface ChunkLinks {
  static: string[]
  dynamic: string[]
  workers: string[]
}

/** Paths relative to the build root, like `assets/index-abc.js`. */
const resolveFrom = (importer: string, spec: string): string =>
  spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(importer), spec))

// `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`; never `import(`.
const STATIC = /(?:\bfrom|\bimport)\s*(["'`])(\.{0,2}\/[^"'`]+?\.js)\1/g
const DYNAMIC = /\bimport\(\s*(["'`])(\.{0,2}\/[^"'`]+?\.js)\1\s*\)/g
const WORKER = /new\s+(?:Shared)?Worker\(\s*new\s+URL\(\s*(["'`])([^"'`]+?\.js)\1/g

const all = (re: RegExp, code: string) => [...code.matchAll(re)].map((m) => m[2] as string)

export const chunkLinks = (path: string, code: string): ChunkLinks => ({
  static: [...new Set(all(STATIC, code).map((s) => resolveFrom(path, s)))],
  dynamic: [...new Set(all(DYNAMIC, code).map((s) => resolveFrom(path, s)))],
  workers: [...new Set(all(WORKER, code).map((s) => resolveFrom(path, s)))],
})

/** Scripts and module preloads that index.html makes the browser fetch at once. */
export const htmlEntries = (html: string): string[] => {
  const tags = html.match(/<(?:script|link)\b[^>]*>/g) ?? []
  const found: string[] = []
  for (const tag of tags) {
    const isScript = tag.startsWith('<script') && /\bsrc=/.test(tag)
    const isPreload = /\brel=["']?modulepreload/.test(tag)
    if (!isScript && !isPreload) continue
    const url = /\b(?:src|href)=["']?([^"'\s>]+)/.exec(tag)?.[1]
    if (url !== undefined && url.endsWith('.js')) found.push(resolveFrom('index.html', url))
  }
  return found
}

/** Every chunk reachable from `roots` by static imports only: what loads before they run. */
export const staticClosure = (roots: string[], links: (path: string) => ChunkLinks): string[] => {
  const seen = new Set<string>()
  const visit = (path: string) => {
    if (seen.has(path)) return
    seen.add(path)
    for (const next of links(path).static) visit(next)
  }
  roots.forEach(visit)
  return [...seen]
}

/** The URLs in a workbox service worker's precache manifest. */
export const precacheUrls = (swCode: string): string[] => {
  const manifest = /precacheAndRoute\(\s*(\[[\s\S]*?\])\s*,/.exec(swCode)?.[1] ?? ''
  return [...manifest.matchAll(/\burl:\s*["'`]([^"'`]+)["'`]/g)].map((m) =>
    resolveFrom('sw.js', m[1] as string),
  )
}
