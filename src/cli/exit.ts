/**
 * Exit codes, the one place where outcomes become process status (DESIGN §5): runs, sweeps and
 * checks return data; the commands map it here.
 */
import { CommanderError } from 'commander'
import { isLabError } from '../engine/base/errors.ts'

export const EXIT = {
  /** Every expected check and final query holds. */
  pass: 0,
  /** One does not (or a replay does not reproduce its trace). */
  fail: 1,
  /** Bad input or usage: the message names the file, the JSON path and what is wrong. */
  badInput: 2,
  /** The lab itself broke: a bug, reported with its stack. */
  internal: 3,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** 0 when `pass`, else 1. */
export const verdictExit = (pass: boolean): ExitCode => (pass ? EXIT.pass : EXIT.fail)

/**
 * Prints what a user needs to know about `e` on `write` and returns the exit code: a user's
 * mistake (any LabError but INTERNAL) is its message alone, never a stack trace; usage errors
 * were already printed by commander; anything else is a bug of the lab.
 */
export function reportError(e: unknown, write: (text: string) => void): ExitCode {
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.pass : EXIT.badInput
  if (isLabError(e) && e.code !== 'INTERNAL') {
    write(e.message)
    return EXIT.badInput
  }
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e)
  write(`crdt-lab: internal error (a bug of the lab, please report it):\n${detail}`)
  return EXIT.internal
}
