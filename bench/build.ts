/**
 * Builds for the bench, always into temporary folders: other work uses dist/, and the
 * bench must measure the code in the tree now, not an old build.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'

export const REPO_ROOT = resolve(import.meta.dirname, '..')

export const tempDir = (prefix: string): Promise<string> =>
  mkdtemp(join(tmpdir(), `sell-compute-bench-${prefix}-`))

/** The file the flood imports into the engine worker (verify-probe.ts), beside the app. */
export const VERIFY_PROBE = 'bench-verify-probe.js'

/**
 * The app as `vite build` makes it, with the project's own config; then the verify probe,
 * added after the app's build so it is in neither the app's graph nor its precache.
 */
export const buildApp = async (outDir: string): Promise<string> => {
  await build({
    root: REPO_ROOT,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  })
  await buildModule('verify-probe.ts', VERIFY_PROBE, outDir, false)
  return outDir
}

/** One bench file as one ES module, to load in a browser. */
const buildModule = async (entry: string, fileName: string, outDir: string, empty: boolean) => {
  await build({
    configFile: false,
    root: REPO_ROOT,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: empty,
      target: 'es2022',
      lib: {
        entry: resolve(import.meta.dirname, entry),
        formats: ['es'],
        fileName: () => fileName,
      },
    },
  })
}

/** The baseline provider as one ES module, to run as a Web Worker in the same browser. */
export const buildBaseline = async (outDir: string): Promise<string> => {
  await buildModule('baseline-provider.ts', 'baseline-provider.js', outDir, true)
  return outDir
}
