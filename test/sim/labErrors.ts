/** Test support: what a call throws, as a LabError. */
import { LabError, type ErrorCode } from '../../src/engine/base/errors.ts'

/** The LabError `f` throws; fails on success, on another exception, or on another code. */
export function labErrorOf(f: () => unknown, code?: ErrorCode): LabError {
  try {
    f()
  } catch (e) {
    if (e instanceof LabError && (code === undefined || e.code === code)) return e
    throw new Error(`expected LabError${code ? ` ${code}` : ''}, got ${String(e)}`, { cause: e })
  }
  throw new Error(`expected LabError${code ? ` ${code}` : ''}, but the call returned`)
}

/** The code of the LabError `f` throws. */
export const codeOf = (f: () => unknown): string => labErrorOf(f).code
