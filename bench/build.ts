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

/** The app as `vite build` makes it, with the project's own config. */
export const buildApp = async (outDir: string): Promise<string> => {
  await build({
    root: REPO_ROOT,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  })
  return outDir
}

/** The baseline provider as one ES module, to run as a Web Worker in the same browser. */
export const buildBaseline = async (outDir: string): Promise<string> => {
  await build({
    configFile: false,
    root: REPO_ROOT,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      lib: {
        entry: resolve(import.meta.dirname, 'baseline-provider.ts'),
        formats: ['es'],
        fileName: () => 'baseline-provider.js',
      },
    },
  })
  return outDir
}
