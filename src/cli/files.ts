/** Reading and writing the CLI's files, with errors that name the file. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { readBoundedText } from '../sim/scenario/boundedFile.ts'
import { parseJsonText } from '../sim/scenario/jsonText.ts'

/** Writes `text` (or bytes) to `path`, creating parent folders. */
export function writeFileMakingDirs(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, data)
}

/** Largest trace or sweep result the CLI reads (a 30-s run's trace is a few tens of MiB). */
export const MAX_INPUT_BYTES = 256 * 1_048_576

/**
 * The text of `path`, a regular file of at most `maxBytes` in UTF-8 (`boundedFile.ts`: a FIFO or
 * device is refused unread); a missing file is FILE_NOT_FOUND naming `what` it should have been.
 */
export const readTextFile = (path: string, what: string, maxBytes = MAX_INPUT_BYTES): string =>
  readBoundedText(path, { what, maxBytes, code: 'INVALID_ARG' })

/** Parsed JSON of `path`; malformed JSON names the line and column. */
export const readJsonFile = (path: string, what: string): unknown => parseJsonText(readTextFile(path, what), path)

/** `out/run.html` for one file; `out/run.<label>.html` when a command writes one per scenario. */
export function perScenarioPath(path: string, label: string, many: boolean): string {
  if (!many) return path
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  const dot = path.lastIndexOf('.')
  return dot > slash + 1 ? `${path.slice(0, dot)}.${label}${path.slice(dot)}` : `${path}.${label}`
}
