/**
 * JSON text to value, with a line and column when the text is malformed. V8's messages give a
 * position only for some errors, so on failure a small scanner walks the text again to find
 * where and why it stops being JSON (and says so for the usual slips: comments, trailing
 * commas, single quotes). Before parsing, a linear pass refuses what JSON allows but the lab
 * cannot use: nesting deeper than `MAX_JSON_DEPTH` (every recursive reader after JSON.parse,
 * zod's included, would overflow the stack on 10^5 levels) and numbers no double holds (`1e999`
 * parses to Infinity, which no field accepts and canonical JSON cannot write).
 */
import { LabError } from '../../engine/base/errors.ts'

/** Deepest nesting of arrays and objects accepted; the deepest lawful scenario needs about 10. */
export const MAX_JSON_DEPTH = 64

/** Parses `text` (a leading BOM is ignored); malformed JSON raises BAD_SCENARIO naming `source`, line and column. */
export function parseJsonText(text: string, source: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const limit = jsonTextLimit(body)
  if (limit) throw jsonError(body, source, limit, '')
  try {
    return JSON.parse(body)
  } catch (e) {
    const found = new Scanner(body).firstError() ?? { offset: 0, reason: e instanceof Error ? e.message : String(e) }
    throw jsonError(body, source, found, 'malformed JSON: ')
  }
}

function jsonError(text: string, source: string, at: Stop, prefix: string): LabError {
  const { line, column } = lineColumn(text, at.offset)
  return new LabError('BAD_SCENARIO', `line ${line}, column ${column}: ${prefix}${at.reason}`, {
    path: source,
    details: { line, column },
  })
}

/**
 * The first place where `text` nests deeper than `maxDepth` or holds a number too large for a
 * double, or null. Strings are skipped; whether the text is JSON at all is JSON.parse's business.
 * One pass, no recursion: it runs on whatever a user hands the lab.
 */
export function jsonTextLimit(text: string, maxDepth = MAX_JSON_DEPTH): Stop | null {
  let depth = 0
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i)
    if (c === 0x22) i = stringEnd(text, i)
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth)
        return new Stop(i, `nested deeper than ${maxDepth} levels of arrays and objects; flatten the data`)
      i++
    } else if (c === 0x5d || c === 0x7d) {
      depth--
      i++
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i
      const token = NUMBER.exec(text)?.[0] ?? '-'
      if (!Number.isFinite(Number(token)))
        return new Stop(
          i,
          `the number ${token.length > 24 ? `${token.slice(0, 24)}…` : token} is too large for a double`,
        )
      i += token.length
    } else i++
  }
  return null
}

/** Offset just past the string whose opening quote is at `start` (or the end of an unterminated one). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x5c) i++
    else if (c === 0x22) return i + 1
  }
  return text.length
}

/** 1-based line and column of `offset`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++
      start = i + 1
    }
  }
  return { line, column: offset - start + 1 }
}

/** Where and why a text stops being usable JSON. */
export class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y

/** A validating walk over JSON text that stops at the first error. */
class Scanner {
  private i = 0
  constructor(private readonly s: string) {}

  firstError(): Stop | null {
    try {
      this.value()
      this.space()
      if (this.i < this.s.length) this.fail('unexpected text after the JSON value')
      return null
    } catch (e) {
      if (e instanceof Stop) return e
      throw e
    }
  }

  private fail(reason: string): never {
    throw new Stop(this.i, reason)
  }

  private space(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++
    if (this.s.startsWith('//', this.i) || this.s.startsWith('/*', this.i))
      this.fail('comments are not allowed in JSON')
  }

  private expect(char: string, context: string): void {
    this.space()
    if (this.s[this.i] !== char) this.unexpected(`expected "${char}" ${context}`)
    this.i++
  }

  private unexpected(wanted: string): never {
    const c = this.s[this.i]
    if (c === undefined) this.fail(`unexpected end of input; ${wanted}`)
    if (c === "'") this.fail(`strings and keys need double quotes; ${wanted}`)
    this.fail(`unexpected ${JSON.stringify(c)}; ${wanted}`)
  }

  private value(): void {
    this.space()
    const c = this.s[this.i]
    if (c === '{') return this.object()
    if (c === '[') return this.array()
    if (c === '"') return this.string()
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number()
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length
        return
      }
    }
    this.unexpected('expected a value')
  }

  private object(): void {
    this.sequence('}', 'a property value', () => {
      if (this.s[this.i] !== '"') this.unexpected('expected a double-quoted key')
      this.string()
      this.expect(':', 'after a key')
      this.value()
    })
  }

  private array(): void {
    this.sequence(']', 'an array element', () => this.value())
  }

  /** Comma-separated items up to `close`; the opening bracket is at the cursor. */
  private sequence(close: string, itemName: string, item: () => void): void {
    this.i++
    this.space()
    if (this.s[this.i] === close) return void this.i++
    for (;;) {
      this.space()
      if (this.s[this.i] === close) this.fail(`trailing comma before "${close}"`)
      item()
      this.space()
      if (this.s[this.i] === close) return void this.i++
      this.expect(',', `or "${close}" after ${itemName}`)
    }
  }

  private string(): void {
    this.i++
    for (;;) {
      const c = this.s[this.i]
      if (c === undefined) this.fail('unterminated string')
      if (c === '"') return void this.i++
      if (c < ' ') this.fail('control character in a string (escape it, e.g. \\n)')
      if (c === '\\') {
        const e = this.s[this.i + 1]
        const ok =
          e !== undefined &&
          ('"\\/bfnrt'.includes(e) || (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))))
        if (!ok) this.fail('invalid escape in a string')
        this.i += e === 'u' ? 6 : 2
      } else this.i++
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.i
    const m = NUMBER.exec(this.s)
    if (m === null || m[0] === '-') this.fail('invalid number')
    this.i += m[0].length
  }
}
