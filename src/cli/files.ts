/** Reading and writing the CLI's files, with errors that name the file. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { LabError } from '../engine/base/errors.ts'
import { parseJsonText } from '../sim/scenario/jsonText.ts'

/** Writes `text` (or bytes) to `path`, creating parent folders. */
export function writeFileMakingDirs(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, data)
}

/** The text of `path`; a missing file is FILE_NOT_FOUND naming `what` it should have been. */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new LabError('FILE_NOT_FOUND', `no such ${what}`, { path, cause: e })
    throw new LabError('INVALID_ARG', `cannot read the ${what} (${code ?? String(e)})`, { path, cause: e })
  }
}

/** Parsed JSON of `path`; malformed JSON names the line and column. */
export const readJsonFile = (path: string, what: string): unknown => parseJsonText(readTextFile(path, what), path)

/** `out/run.html` for one file; `out/run.<label>.html` when a command writes one per scenario. */
export function perScenarioPath(path: string, label: string, many: boolean): string {
  if (!many) return path
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  const dot = path.lastIndexOf('.')
  return dot > slash + 1 ? `${path.slice(0, dot)}.${label}${path.slice(dot)}` : `${path}.${label}`
}
