/**
 * JSON text to value, with a line and column when the text is malformed. V8's messages give a
 * position only for some errors, so on failure a small scanner walks the text again to find
 * where and why it stops being JSON (and says so for the usual slips: comments, trailing
 * commas, single quotes).
 */
import { LabError } from '../../engine/base/errors.ts'

/** Parses `text` (a leading BOM is ignored); malformed JSON raises BAD_SCENARIO naming `source`, line and column. */
export function parseJsonText(text: string, source: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  try {
    return JSON.parse(body)
  } catch (e) {
    const found = new Scanner(body).firstError() ?? { offset: 0, reason: e instanceof Error ? e.message : String(e) }
    const { line, column } = lineColumn(body, found.offset)
    throw new LabError('BAD_SCENARIO', `line ${line}, column ${column}: malformed JSON: ${found.reason}`, {
      path: source,
      details: { line, column },
    })
  }
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

class Stop {
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
