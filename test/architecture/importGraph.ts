/**
 * The import graph of a source tree, as madge reads it with type imports counted (`import type`
 * ties modules as tightly as a value import: a circle of types still keeps any of them from being
 * read or moved alone). Paths are relative to `root`, with forward slashes.
 */
import { relative, resolve } from 'node:path'
import madge from 'madge'

export interface GraphOptions {
  /** Directory the paths (given and returned) are relative to. */
  readonly root: string
  /** A tsconfig.json, relative to `root` (resolves the `.ts` import specifiers the project uses). */
  readonly tsConfig?: string
}

export interface ImportGraph {
  /** Each file and the files it imports. */
  readonly imports: ReadonlyMap<string, readonly string[]>
  /** Every import circle, each as the files on it. */
  readonly circles: readonly (readonly string[])[]
}

/** The import graph of the `.ts` files under `paths` (files or directories, relative to the root). */
export async function importGraph(paths: readonly string[], options: GraphOptions): Promise<ImportGraph> {
  const root = resolve(options.root)
  const rel = (p: string): string => relative(root, resolve(root, p)).split('\\').join('/')
  const res = await madge(
    paths.map((p) => resolve(root, p)),
    {
      baseDir: root,
      fileExtensions: ['ts'],
      ...(options.tsConfig ? { tsConfig: resolve(root, options.tsConfig) } : {}),
      detectiveOptions: { ts: { skipTypeImports: false, skipAsyncImports: false } },
    },
  )
  const imports = new Map(Object.entries(res.obj()).map(([file, deps]) => [rel(file), deps.map(rel)] as const))
  return { imports, circles: res.circular().map((c) => c.map(rel)) }
}
