/** Validation of op arguments: each failure names the argument and the offending value. */
import { LabError } from '../base/errors.ts'
import { unknownKeyMessage } from '../base/strictObject.ts'

export type Args = Readonly<Record<string, unknown>>

export function str(
  args: Args,
  name: string,
  op: string,
  opts: { max?: number; optional?: boolean; allowEmpty?: boolean } = {},
): string {
  const v = args[name]
  if (v === undefined && opts.optional) return ''
  if (typeof v !== 'string') throw bad(op, name, `must be a string, got ${describe(v)}`)
  if (!opts.allowEmpty && v.length === 0) throw bad(op, name, 'must not be empty')
  const max = opts.max ?? 65536
  if (v.length > max) throw bad(op, name, `is ${v.length} characters long; at most ${max} are allowed`)
  return v
}

export function num(
  args: Args,
  name: string,
  op: string,
  opts: { min?: number; max?: number; optional?: number; integer?: boolean } = {},
): number {
  const v = args[name]
  if (v === undefined && opts.optional !== undefined) return opts.optional
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(op, name, `must be a finite number, got ${describe(v)}`)
  if (opts.integer && !Number.isInteger(v)) throw bad(op, name, `must be an integer, got ${v}`)
  if (opts.min !== undefined && v < opts.min) throw bad(op, name, `must be at least ${opts.min}, got ${v}`)
  if (opts.max !== undefined && v > opts.max) throw bad(op, name, `must be at most ${opts.max}, got ${v}`)
  return v
}

export function oneOf<T extends string>(args: Args, name: string, op: string, allowed: readonly T[], fallback?: T): T {
  const v = args[name]
  if (v === undefined && fallback !== undefined) return fallback
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw bad(op, name, `must be one of ${allowed.join(', ')}, got ${describe(v)}`, 'INVALID_ARG')
  }
  return v as T
}

export function obj(args: Args, name: string, op: string): Record<string, unknown> {
  const v = args[name]
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw bad(op, name, `must be an object, got ${describe(v)}`)
  return v as Record<string, unknown>
}

/**
 * Rejects keys `allowed` does not hold (a typo must not be silently ignored): INVALID_ARG at
 * `<at>.<key>`, `chat.send: unknown argument "text"; expected one of content, attachments, replyTo`.
 */
export function onlyKeys(
  args: Args,
  op: string,
  allowed: readonly string[],
  where: { readonly noun?: string; readonly at?: string } = {},
): void {
  for (const k of Object.keys(args)) {
    if (!allowed.includes(k)) {
      const message = `${op}: ${unknownKeyMessage(where.noun ?? 'argument', JSON.stringify(k), allowed)}`
      throw new LabError('INVALID_ARG', message, { path: `${where.at ?? 'args'}.${k}` })
    }
  }
}

export const bad = (op: string, name: string, what: string, code: 'INVALID_ARG' = 'INVALID_ARG'): LabError =>
  new LabError(code, `${op}: argument ${name} ${what}`, { path: `args.${name}` })

export const describe = (v: unknown): string => {
  if (v === undefined) return 'nothing'
  const s = JSON.stringify(v)
  return s === undefined ? typeof v : s.length > 60 ? `${s.slice(0, 57)}...` : s
}
