import { LabError } from '../../src/engine/base/errors.ts'

/** The LabError `f` throws; fails the test when it throws nothing or something else. */
export function labErrorOf(f: () => unknown): LabError {
  try {
    f()
  } catch (e) {
    if (e instanceof LabError) return e
    throw e
  }
  throw new Error('expected a LabError, but nothing was thrown')
}
