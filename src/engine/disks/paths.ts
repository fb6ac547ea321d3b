/**
 * File paths inside a virtual disk, and the spec's disk-prefixed "virtual paths".
 *
 * A disk path is POSIX-style and absolute: `/docs/meeting-notes.md`. It is normalized to Unicode
 * NFC (so the two spellings of "é" name one file) and otherwise validated, never rewritten:
 * `/a/../b`, `/a/./b`, `//x` and `/a/` are rejected rather than resolved, because resolving them
 * would let two different strings name one file and a `..` reach outside a prefix the caller
 * checked (`/website/../x` is not a website file, and must not look like one).
 *
 * The spec writes paths with the disk in front (`/shared/attachments/screenshot.png`,
 * `/public/website/index.html`): that is a virtual path, `/{disk}{diskPath}`.
 */
import { LabError } from '../base/errors.ts'
import { DISKS, isDisk, type Disk } from '../base/ids.ts'

export const MAX_SEGMENT_BYTES = 255
export const MAX_PATH_BYTES = 1024

/** A validated, NFC-normalized disk path. */
export type DiskPath = string & { readonly __diskPath: unique symbol }

const utf8 = new TextEncoder()
// C0 controls (NUL included), DEL and C1 controls: invisible in listings, and NUL ends C strings.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** True when `s` holds a lone surrogate: not well-formed Unicode, and lossy in UTF-8. */
export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s)

const badPath = (path: unknown, rule: string): LabError => {
  const shown =
    typeof path === 'string' ? JSON.stringify(path.length > 120 ? `${path.slice(0, 117)}...` : path) : String(path)
  return new LabError('BAD_PATH', `bad disk path ${shown}: ${rule}`, { details: { rule } })
}

/**
 * Whether `s` is longer than `max` bytes in UTF-8. A UTF-16 code unit is at most 3 UTF-8 bytes (a
 * surrogate pair, two units, is 4), so a string of at most max/3 units is never encoded: encoding
 * every segment of every path was most of an attachment's cost on a chat send.
 */
const longerThan = (s: string, max: number): boolean => s.length * 3 > max && utf8.encode(s).length > max

/** The first rule `path` breaks, or undefined when it is a valid disk path. */
function brokenRule(path: string): string | undefined {
  if (path.length === 0) return 'it is empty'
  if (CONTROL.test(path)) return 'it contains a NUL or other control character'
  if (hasLoneSurrogate(path)) return 'it is not well-formed Unicode (a lone surrogate)'
  if (path.includes('\\')) return 'it contains a backslash; separate segments with "/"'
  if (!path.startsWith('/')) return 'it is relative; a disk path starts with "/"'
  if (longerThan(path, MAX_PATH_BYTES)) return `it is longer than ${MAX_PATH_BYTES} bytes (UTF-8)`
  return segmentRule(path.slice(1).split('/'))
}

function segmentRule(segments: readonly string[]): string | undefined {
  for (const s of segments) {
    if (s === '') return 'it has an empty segment ("//", a trailing "/" or no file name)'
    if (s === '.' || s === '..') return `it has a "${s}" segment; "." and ".." are rejected, not resolved`
    if (longerThan(s, MAX_SEGMENT_BYTES)) return `a segment is longer than ${MAX_SEGMENT_BYTES} bytes (UTF-8)`
  }
  return undefined
}

/** Validates and NFC-normalizes a disk path; throws `BAD_PATH` naming the path and the rule broken. */
export function normalizePath(path: unknown): DiskPath {
  if (typeof path !== 'string') throw badPath(path, `it must be a string, got ${typeof path}`)
  const rule = brokenRule(path)
  if (rule !== undefined) throw badPath(path, rule)
  const nfc = path.normalize('NFC')
  // NFC can lengthen a string (rarely); the limits hold for what is stored.
  const after = nfc === path ? undefined : brokenRule(nfc)
  if (after !== undefined) throw badPath(path, `after NFC normalization ${after}`)
  return nfc as DiskPath
}

/** Validates a directory prefix (`/` or a disk path followed by `/`, e.g. `/website/`); returns it NFC. */
export function normalizeDir(dir: unknown): string {
  if (dir === '/') return dir
  if (typeof dir !== 'string' || !dir.endsWith('/'))
    throw badPath(dir, 'a directory prefix is "/" or a path ending with "/"')
  return `${normalizePath(dir.slice(0, -1))}/`
}

/** Validates a disk name; throws `INVALID_ARG` naming the allowed ones. */
export function parseDisk(disk: unknown): Disk {
  if (!isDisk(disk))
    throw new LabError('INVALID_ARG', `unknown disk ${JSON.stringify(disk)}; expected one of ${DISKS.join(', ')}`)
  return disk
}

/** The spec's virtual path of a file: `/{disk}{path}` (e.g. `/shared/attachments/x.png`). */
export const virtualPath = (disk: Disk, path: string): string => `/${parseDisk(disk)}${normalizePath(path)}`

/** Splits a spec virtual path (`/shared/attachments/x.png`) into its disk and disk path. */
export function parseVirtualPath(vpath: unknown): { readonly disk: Disk; readonly path: DiskPath } {
  const full = normalizePath(vpath)
  const slash = full.indexOf('/', 1)
  const disk = full.slice(1, slash === -1 ? undefined : slash)
  if (!isDisk(disk) || slash === -1)
    throw badPath(vpath, `a virtual path starts with /${DISKS.join('/, /')}/ and names a file below it`)
  return { disk, path: full.slice(slash) as DiskPath }
}

/** Byte-wise (UTF-8) order: the same in every language, unlike JavaScript's UTF-16 sort. */
export function compareUtf8(a: string, b: string): number {
  const x = utf8.encode(a)
  const y = utf8.encode(b)
  const n = Math.min(x.length, y.length)
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length
}
