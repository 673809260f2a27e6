import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'
import {
  ENGINE_SCRIPT,
  HEADER_RULES,
  META_CSP,
  headersFile,
  headersFor,
} from './scripts/security-headers.ts'

const THEME_COLOR = '#12151c'

/**
 * Where the app lives on its host: `/` by default, or a path such as `/sell-compute/` for a
 * static host that serves it under one (GitHub Pages): `BASE_PATH=/sell-compute/ npm run build`.
 */
const basePath = (raw = '/'): string => {
  const path = `/${raw.trim().replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/')
  if (!/^\/[\w./-]*$/.test(path)) throw new Error(`BASE_PATH "${raw}" is not a URL path`)
  return path
}
const BASE = basePath(process.env.BASE_PATH)

/** The header rules under the base path: a host matches them against the full path. */
const underBase = (rules: typeof HEADER_RULES) =>
  rules.map((rule) => ({ ...rule, path: `${BASE}${rule.path.replace(/^\//, '')}` }))

/**
 * The security headers (scripts/security-headers.ts): a `_headers` file in the build for
 * static hosts, the same headers from `vite preview`, and the page's policy as a <meta> too
 * for hosts that send none. Only the built app: Vite's dev server injects inline scripts.
 */
const securityHeaders = (): Plugin => ({
  name: 'sell-compute:security-headers',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP },
      injectTo: 'head-prepend',
    },
  ],
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: '_headers',
      source: headersFile(underBase(HEADER_RULES)),
    })
  },
})

/** `vite preview` (npm start) sends what a static host would (preview is not a build). */
const previewHeaders = (): Plugin => ({
  name: 'sell-compute:preview-headers',
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => {
      const { pathname } = new URL(req.url ?? '/', 'http://preview')
      for (const [name, value] of Object.entries(headersFor(underBase(HEADER_RULES), pathname)))
        res.setHeader(name, value)
      next()
    })
  },
})

/** The Spark SDK (about 6 MB) is loaded lazily: too big to precache, cached on first use. */
const sparkChunkName = (moduleIds: string[]) =>
  moduleIds.some((id) => id.includes('@buildonspark/')) ? 'assets/spark-[hash].js' : undefined

export default defineConfig({
  base: BASE,
  plugins: [
    react(),
    securityHeaders(),
    previewHeaders(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Sell Compute',
        short_name: 'Sell Compute',
        description:
          "Sell your local Ollama's text generation for sats over Nostr (NIP-90), from a browser tab.",
        theme_color: THEME_COLOR,
        background_color: THEME_COLOR,
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        globIgnores: ['**/spark-*.js'],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // A RegExp, not a function: workbox copies this into sw.js as source text.
            urlPattern: /\/assets\/spark-[^/]+\.js$/,
            handler: 'CacheFirst',
            options: {
              cacheName: 'spark-sdk',
              expiration: { maxEntries: 4 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: { target: 'es2022' },
  worker: {
    format: 'es',
    rolldownOptions: {
      output: {
        // A name of its own, so hosts can send the engine its own policy (_headers).
        entryFileNames: ENGINE_SCRIPT,
        chunkFileNames: (chunk) => sparkChunkName(chunk.moduleIds) ?? 'assets/[name]-[hash].js',
      },
    },
  },
  preview: { host: '127.0.0.1' },
})
