import { describe, expect, it } from 'vitest'
import { chunkLinks, htmlEntries, precacheUrls, staticClosure } from './bundle-graph.ts'

describe('bundle graph', () => {
  it('tells static imports from dynamic ones and finds the worker', () => {
    const code =
      'import{a as b}from"./lib-1.js";import"./side-2.js";export*from"./re-3.js";' +
      'const s=await import(`./spark-4.js`);new Worker(new URL(`/assets/main-5.js`,``+import.meta.url))'
    expect(chunkLinks('assets/index-0.js', code)).toEqual({
      static: ['assets/lib-1.js', 'assets/side-2.js', 'assets/re-3.js'],
      dynamic: ['assets/spark-4.js'],
      workers: ['assets/main-5.js'],
    })
  })

  it('reads the scripts and module preloads of index.html, not stylesheets', () => {
    const html =
      '<script type="module" crossorigin src="/assets/index-0.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/vendor-9.js">' +
      '<link rel="stylesheet" href="/assets/index-0.css">'
    expect(htmlEntries(html)).toEqual(['assets/index-0.js', 'assets/vendor-9.js'])
  })

  it('follows static imports only', () => {
    const graph: Record<string, string[]> = { a: ['b'], b: ['c', 'a'], c: [], d: [] }
    const links = (p: string) => ({ static: graph[p] ?? [], dynamic: ['d'], workers: [] })
    expect(staticClosure(['a'], links).sort()).toEqual(['a', 'b', 'c'])
  })

  it('lists the precache manifest of a generated service worker', () => {
    const sw =
      'define(["./workbox-1"],function(s){s.precacheAndRoute([{url:"index.html",revision:"x"},' +
      '{url:"assets/index-0.js",revision:null}],{});s.registerRoute(/spark-/)})'
    expect(precacheUrls(sw)).toEqual(['index.html', 'assets/index-0.js'])
  })
})
