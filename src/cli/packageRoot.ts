/**
 * Where crdt-lab's own files are: the folder of its package.json, found from this module upwards.
 * From the sources that is two folders up (src/cli), from the compiled package three (dist/src/cli),
 * so files the package ships (package.json, scenarios/, schema/) are found the same way from both.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json')
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'crdt-lab')
      return dir
    if (dirname(dir) === dir) throw new Error(`crdt-lab: no package.json of crdt-lab above ${from}`)
  }
}

/** The package's folder. */
export const PACKAGE_ROOT = findRoot(fileURLToPath(import.meta.url))

/** A path inside the package. */
export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts)

/** `.ts` when the lab runs from its sources, `.js` when compiled: modules a worker loads sit beside their caller. */
export const MODULE_EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js'
