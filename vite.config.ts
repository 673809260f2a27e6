import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'

const THEME_COLOR = '#12151c'

// Relays can be anywhere and Ollama is on localhost, so connect-src stays open;
// everything that can run code is limited to our own origin. 'wasm-unsafe-eval' is for
// the Spark SDK's WebAssembly. ws:/wss: are spelled out for browsers whose `*` omits them.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  'connect-src * ws: wss:',
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ')

/** Only the built app gets the CSP: Vite's dev server injects inline scripts. */
const contentSecurityPolicy = (): Plugin => ({
  name: 'sell-compute:csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
      injectTo: 'head-prepend',
    },
  ],
})

/** The Spark SDK (about 6 MB) is loaded lazily: too big to precache, cached on first use. */
const sparkChunkName = (moduleIds: string[]) =>
  moduleIds.some((id) => id.includes('@buildonspark/')) ? 'assets/spark-[hash].js' : undefined

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
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
        chunkFileNames: (chunk) => sparkChunkName(chunk.moduleIds) ?? 'assets/[name]-[hash].js',
      },
    },
  },
  preview: { host: '127.0.0.1' },
})
