/** Runs the real `crdt-lab` command in a subprocess, as a user would. */
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const fixture = (name: string): string => `test/cli/fixtures/${name}`

export interface CliOutcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Extra settings of a run of the command (a last argument). */
export interface CliSettings {
  /** Variables added to the environment. */
  readonly env?: Readonly<Record<string, string>>
}

/** `node bin/crdt-lab.js …args` from the repository root; a last object argument gives settings. */
export function crdtLab(...args: [...string[]] | [...string[], CliSettings]): Promise<CliOutcome> {
  const last = args[args.length - 1]
  const settings: CliSettings = typeof last === 'object' ? last : {}
  const words: string[] = args.flatMap((a) => (typeof a === 'string' ? [a] : []))
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/crdt-lab.js', ...words],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...settings.env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** A fresh temporary folder. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'crdt-lab-cli-'))

/** Node prints stack frames as `    at fn (file:line:col)`. */
export const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m

/** Runs a command line as a user pastes it into a shell, from the repository root. */
export function inShell(command: string): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', command], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}
