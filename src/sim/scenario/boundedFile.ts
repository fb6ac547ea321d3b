/**
 * Reading a file the lab is given (a scenario, a trace, a sweep result) without trusting it: a
 * FIFO or a device (`/dev/zero`) would block the read or never end, and a huge file would take
 * the memory with it. So the file is opened without blocking, checked with fstat to be a regular
 * file no larger than its cap before a byte is read, read with the cap enforced again (it may grow
 * meanwhile), and decoded as strict UTF-8: an invalid byte is reported with its line and column,
 * never replaced silently.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'
import { isUtf8 } from 'node:buffer'
import { LabError } from '../../engine/base/errors.ts'

/** What a file must be, and how a failure is reported. */
export interface FileRules {
  /** What the file is, in messages: `scenario file`, `trace file`. */
  readonly what: string
  /** Largest size accepted, in bytes. */
  readonly maxBytes: number
  /** Code of a file that exists but cannot be used (a missing one is FILE_NOT_FOUND). */
  readonly code: 'BAD_SCENARIO' | 'INVALID_ARG'
}

/** The text of the regular file at `path` (a leading BOM kept: the JSON reader drops it). */
export function readBoundedText(path: string, rules: FileRules): string {
  const bytes = readBoundedBytes(path, rules)
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes)
  if (bad >= 0) {
    const { line, column } = byteLineColumn(bytes, bad)
    throw new LabError(
      rules.code,
      `line ${line}, column ${column}: not valid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} ` +
        `at offset ${bad}); save the ${rules.what} as UTF-8`,
      { path, details: { line, column, offset: bad } },
    )
  }
  return bytes.toString('utf8')
}

/** The bytes of the regular file at `path`, at most `rules.maxBytes` of them. */
export function readBoundedBytes(path: string, rules: FileRules): Buffer {
  let fd: number
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new LabError('FILE_NOT_FOUND', `no such ${rules.what}`, { path, cause: e })
    throw new LabError(rules.code, `cannot open the ${rules.what} (${code ?? String(e)})`, { path, cause: e })
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw new LabError(rules.code, `is ${kindOf(stats)}, not a regular ${rules.what}`, { path })
    if (stats.size > rules.maxBytes) throw tooLarge(path, rules, `is ${stats.size} bytes`)
    return readAtMost(fd, path, rules, stats.size)
  } finally {
    closeSync(fd)
  }
}

function readAtMost(fd: number, path: string, rules: FileRules, expected: number): Buffer {
  // One byte more than the cap: a file that grew past it since fstat is refused, not cut.
  let buffer = Buffer.allocUnsafe(Math.min(expected, rules.maxBytes) + 1)
  let length = 0
  for (;;) {
    if (length === buffer.length) {
      if (length > rules.maxBytes) throw tooLarge(path, rules, 'grew while it was read')
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, rules.maxBytes + 1))
      buffer.copy(bigger, 0, 0, length)
      buffer = bigger
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null)
    if (n === 0) return buffer.subarray(0, length)
    length += n
  }
}

const tooLarge = (path: string, rules: FileRules, what: string): LabError =>
  new LabError(rules.code, `${what}; a ${rules.what} may have at most ${formatBytes(rules.maxBytes)}`, { path })

/** `4 MiB`, `256 MiB`, `1000 bytes`. */
export const formatBytes = (n: number): string =>
  n % 1_048_576 === 0 ? `${n / 1_048_576} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder'
  if (s.isFIFO()) return 'a FIFO (named pipe)'
  if (s.isCharacterDevice()) return 'a character device'
  if (s.isBlockDevice()) return 'a block device'
  if (s.isSocket()) return 'a socket'
  return 'not a regular file'
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    if (c < 0x80) {
      i++
      continue
    }
    // Lead byte: length of the sequence and the allowed range of its second byte.
    let n: number
    let lo = 0x80
    let hi = 0xbf
    if (c >= 0xc2 && c <= 0xdf) n = 1
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2
      if (c === 0xe0) lo = 0xa0 // overlong
      if (c === 0xed) hi = 0x9f // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3
      if (c === 0xf0) lo = 0x90 // overlong
      if (c === 0xf4) hi = 0x8f // above U+10FFFF
    } else return i
    for (let k = 1; k <= n; k++) {
      const x = b[i + k]
      if (x === undefined) return i // cut short at the end
      if (x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return k === 1 ? i : i + k
    }
    i += n + 1
  }
  return -1
}

/** 1-based line and column (in characters of the valid text before it) of byte `offset`. */
function byteLineColumn(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) {
      line++
      start = i + 1
    }
  }
  // Continuation bytes do not start a character.
  let column = 1
  for (let i = start; i < offset; i++) if ((b[i]! & 0xc0) !== 0x80) column++
  return { line, column }
}
