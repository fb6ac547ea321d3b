/**
 * What a write stores, checked before anything changes: strings are text; bytes are binary
 * unless the caller marks them as UTF-8 text. Text is kept exactly (no BOM stripping, no
 * newline rewriting); malformed Unicode is refused rather than silently replaced by U+FFFD.
 */
import { LabError } from '../base/errors.ts'
import type { FileType } from './layout.ts'
import { guessMime } from './mime.ts'
import { hasLoneSurrogate } from './paths.ts'

/** Largest file content, in bytes (UTF-8 for text). A disk document is replicated whole. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024

/** Options of `writeFile`. */
export interface WriteFileOptions {
  /** Treat byte content as UTF-8 text (strings always are text). */
  readonly text?: boolean
  /** MIME type; guessed from the extension when absent. */
  readonly mime?: string
}

/** Validated content of one write. */
export interface FileContent {
  readonly type: FileType
  /** The text (for text files). */
  readonly text?: string
  /** The bytes stored or hashed: UTF-8 of the text, or a private copy of the caller's bytes. */
  readonly bytes: Uint8Array
  readonly mime: string
}

const MIME = /^[a-z0-9!#$&^_.+-]{1,63}\/[a-z0-9!#$&^_.+-]{1,63}$/i
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

const invalid = (where: string, what: string): LabError => new LabError('INVALID_ARG', `${where}: ${what}`)

function textOf(content: string | Uint8Array, where: string): string {
  if (typeof content === 'string') {
    if (hasLoneSurrogate(content)) throw invalid(where, 'text content is not well-formed Unicode (a lone surrogate)')
    return content
  }
  try {
    return strictUtf8.decode(content)
  } catch {
    throw invalid(where, 'content marked as text is not valid UTF-8')
  }
}

/** Checks and classifies the content of a write to `path` (`where` names it in errors). */
export function fileContent(path: string, content: unknown, opts: WriteFileOptions, where: string): FileContent {
  if (typeof content !== 'string' && !(content instanceof Uint8Array)) {
    throw invalid(where, `content must be a string or a Uint8Array, got ${content === null ? 'null' : typeof content}`)
  }
  if (opts.text !== undefined && typeof opts.text !== 'boolean') throw invalid(where, 'option text must be a boolean')
  if (opts.mime !== undefined && (typeof opts.mime !== 'string' || !MIME.test(opts.mime))) {
    throw invalid(where, `option mime ${JSON.stringify(opts.mime)} is not a MIME type such as text/markdown`)
  }
  const isText = typeof content === 'string' || opts.text === true
  const text = isText ? textOf(content, where) : undefined
  const bytes = text !== undefined ? new TextEncoder().encode(text) : (content as Uint8Array).slice()
  if (bytes.length > MAX_FILE_BYTES) {
    throw new LabError(
      'SIZE_LIMIT',
      `${where}: content is ${bytes.length} bytes; a file holds at most ${MAX_FILE_BYTES}`,
    )
  }
  const mime = opts.mime ?? guessMime(path, isText)
  return text !== undefined ? { type: 'text', text, bytes, mime } : { type: 'binary', bytes, mime }
}
