/**
 * Temporary folders of a run (`--store fs` gives each peer one) removed whatever happens. A run
 * that throws disposes of its world (run.ts); but Ctrl-C or SIGTERM kills the process in the
 * middle of a synchronous run, where no JavaScript handler gets to run (a SIGINT listener would
 * only delay the exit until the run ends). So the folders are made inside one fresh folder of
 * this process (the OS temp dir is pointed at it while the work runs), and a small watcher
 * process, started detached (a terminal's Ctrl-C does not reach it) with a pipe from this one,
 * removes that folder when the pipe closes: when this process ends, however it ends.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Socket } from 'node:net'
import { fileURLToPath } from 'node:url'

const REAPER = fileURLToPath(new URL('./tempReaper.mjs', import.meta.url))

/** Runs `work` with `os.tmpdir()` inside a fresh `crdt-lab-run-*` folder, removed afterwards or by the watcher. */
export async function withTempRoot<T>(work: () => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'crdt-lab-run-'))
  const watcher = watch(root)
  const previous = process.env.TMPDIR
  process.env.TMPDIR = root
  try {
    return await work()
  } finally {
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    rmSync(root, { recursive: true, force: true })
    watcher.stdin?.end()
  }
}

function watch(root: string): ChildProcess {
  const child = spawn(process.execPath, [REAPER, root], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] })
  // Neither the watcher nor its pipe keeps this process alive.
  child.unref()
  ;(child.stdin as unknown as Socket).unref()
  child.on('error', () => {})
  return child
}
