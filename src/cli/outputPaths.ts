/**
 * Output paths (`--json`, `--html`, `--trace`, `--dump`, `--out`) checked before any work: a run
 * of a minute that then cannot write its report has wasted the minute and, before, ended as a
 * lab bug (exit 3). Each problem names the option and the path (BAD_USAGE, exit 2), all at once.
 *
 * What is checked without changing anything the user has: a file path must not be a folder, a
 * folder path not a file; an existing file must open for appending (nothing written); a device
 * must take a zero-byte write (`/dev/full` refuses it); a path that does not exist yet must have
 * a folder as its nearest existing ancestor, in which the probe creates and removes an empty
 * folder (so a read-only or virtual file system, such as /proc, is found out even by root); and
 * no output may be one of the command's input files. Missing parent folders are created when
 * the output is written, as before.
 */
import {
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  realpathSync,
  rmdirSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { LabError } from '../engine/base/errors.ts'

/** One output a command was asked to write. */
export interface OutputPath {
  /** The option, as typed: `--json`. */
  readonly option: string
  readonly path: string
  readonly kind: 'file' | 'folder'
}

/** Throws BAD_USAGE listing every output that cannot be written; `inputs` must not be overwritten. */
export function checkOutputs(outputs: readonly OutputPath[], inputs: readonly string[] = []): void {
  const inputPaths = new Set(inputs.map(realOrResolved))
  const problems: string[] = []
  for (const o of outputs) {
    const problem = outputProblem(o) ?? (inputPaths.has(realOrResolved(o.path)) ? 'is an input of this command' : null)
    if (problem) problems.push(`${o.option} ${o.path}: ${problem}`)
  }
  if (problems.length > 0)
    throw new LabError('BAD_USAGE', `${problems.join('\n')}\n(nothing was run: give outputs that can be written)`, {
      details: { problems },
    })
}

/** The outputs among `options` that are set, e.g. `outputsOf(o, { json: 'file', dump: 'folder' })`. */
export function outputsOf<O extends object>(
  options: O,
  kinds: { readonly [K in keyof O]?: OutputPath['kind'] },
): OutputPath[] {
  return Object.entries(kinds).flatMap(([key, kind]) => {
    const path = (options as Record<string, unknown>)[key]
    return typeof path === 'string' ? [{ option: `--${key}`, path, kind: kind as OutputPath['kind'] }] : []
  })
}

/** Why `o` cannot be written, or null. */
export function outputProblem(o: OutputPath): string | null {
  if (o.path === '') return 'is empty'
  const stats = statOrNull(o.path)
  if (stats === null) return creatableProblem(o.path)
  if (o.kind === 'folder')
    return stats.isDirectory() ? probeFolder(o.path) : 'is not a folder (a folder is wanted here)'
  if (stats.isDirectory()) return 'is a folder; give a file name'
  if (stats.isFIFO() || stats.isSocket()) return null // a pipe takes what is written, when it is written
  return probeFile(o.path, stats.isCharacterDevice())
}

/** A path that does not exist: its nearest existing ancestor must be a folder we can create in. */
function creatableProblem(path: string): string | null {
  let dir = dirname(resolve(path))
  for (;;) {
    const stats = statOrNull(dir)
    if (stats !== null) return stats.isDirectory() ? probeFolder(dir) : `cannot be created: ${dir} is not a folder`
    const up = dirname(dir)
    if (up === dir) return `cannot be created: no folder of it exists`
    dir = up
  }
}

/** Creates and removes an empty folder in `dir`: the one test that every file system answers truly. */
function probeFolder(dir: string): string | null {
  try {
    rmdirSync(mkdtempSync(join(dir, '.crdt-lab-probe-')))
    return null
  } catch (e) {
    return `cannot be written in ${dir} (${errno(e)})`
  }
}

/** Opens an existing file for appending (nothing written); a device also takes an empty write. */
function probeFile(path: string, device: boolean): string | null {
  let fd: number | undefined
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK)
    // /dev/full refuses even an empty write (ENOSPC); /dev/null and terminals take it.
    if (device) writeSync(fd, Buffer.alloc(0))
    return null
  } catch (e) {
    return `cannot be written (${errno(e)})`
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

const errno = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e)

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path)
  } catch {
    return null
  }
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return resolve(path)
  }
}

/**
 * Runs `write` for the output `option path`; a failure the check could not foresee (the disk
 * filled up meanwhile) is BAD_USAGE naming the option and the path, not a lab bug.
 */
export async function writingOutput<T>(option: string, path: string, write: () => T | Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (typeof code !== 'string') throw e
    throw new LabError('BAD_USAGE', `${option} ${path}: cannot be written (${code})`, { cause: e })
  }
}
