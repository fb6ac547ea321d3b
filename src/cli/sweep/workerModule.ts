/**
 * The module sweep workers load. A worker thread does not inherit the main thread's tsx loader,
 * and loading ~120 TypeScript modules through tsx's hooks costs a worker about a second of
 * start-up. So the sweep bundles the task (`seedRun.ts` and everything it imports from `src/`)
 * into one JavaScript module with esbuild, once per sweep (~0.1-0.3 s), and every worker imports
 * that. npm packages stay external imports, so the bundle is written under the project's
 * `node_modules/.cache` where they resolve. Should bundling fail, workers fall back to
 * registering tsx themselves (`workerEntry.mjs`): slower to start, same results.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { MODULE_EXT } from '../packageRoot.ts'

const CACHE = fileURLToPath(new URL('../../../node_modules/.cache/crdt-lab', import.meta.url))

/** A task worker threads run: its TypeScript module, and the tsx entry that loads it unbundled. */
export interface WorkerTask {
  readonly module: URL
  readonly tsxEntry: URL
}

/** The sweep's task: one scenario over many seeds. */
export const SWEEP_TASK: WorkerTask = {
  module: new URL(`./seedRun${MODULE_EXT}`, import.meta.url),
  tsxEntry: new URL('./workerEntry.mjs', import.meta.url),
}
/** Bundles older than this were left by a sweep that was interrupted. */
const STALE_MS = 24 * 3600 * 1000

export interface WorkerModule {
  /** What tinypool's `filename` takes. */
  readonly href: string
  /** How it was made (for the summary); `js` is the compiled package's own module. */
  readonly kind: 'bundle' | 'tsx' | 'js'
  /** Removes the bundle. */
  dispose(): void
}

/** Bundles a task for worker threads, or falls back to its tsx entry. */
export async function workerModule(task: WorkerTask = SWEEP_TASK): Promise<WorkerModule> {
  // The compiled package's modules are JavaScript already: workers import them as they are.
  if (task.module.pathname.endsWith('.js')) return { href: task.module.href, kind: 'js', dispose: () => {} }
  let dir: string | null = null
  try {
    const { build } = await import('esbuild')
    mkdirSync(CACHE, { recursive: true })
    removeStale(Date.now() - STALE_MS)
    dir = mkdtempSync(join(CACHE, 'sweep-'))
    const outfile = join(dir, 'task.mjs')
    await build({
      entryPoints: [fileURLToPath(task.module)],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    })
    const made = dir
    return {
      href: pathToFileURL(outfile).href,
      kind: 'bundle',
      dispose: () => rmSync(made, { recursive: true, force: true }),
    }
  } catch {
    if (dir) rmSync(dir, { recursive: true, force: true })
    return { href: task.tsxEntry.href, kind: 'tsx', dispose: () => {} }
  }
}

/** Removes bundles an interrupted sweep left behind. */
function removeStale(before: number): void {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name)
    if (name.startsWith('sweep-') && statSync(path).mtimeMs < before) rmSync(path, { recursive: true, force: true })
  }
}
