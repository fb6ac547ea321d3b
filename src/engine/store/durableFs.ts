/**
 * Durable file primitives for the file store. "Durable" means: once the function returns, the
 * bytes and the directory entry survive a power cut. Every failure is a LabError STORE_IO naming
 * the file and the operating system's reason.
 *
 * Atomic replacement, the classic sequence:
 * ```
 *   write  name.tmp ─ fsync name.tmp ─ rename name.tmp → name ─ fsync dir
 *   crash before the rename: name is untouched (a stale name.tmp is ignored and later overwritten)
 *   crash after the rename:  name is the new, complete file
 * ```
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { LabError } from '../base/errors.ts'

/** Suffix of the temporary file an atomic write goes through. */
export const TEMP_SUFFIX = '.tmp'

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code

/** Runs a file operation, turning an operating-system error into STORE_IO naming `path`. */
export function storeIo<T>(path: string, action: string, op: () => T): T {
  try {
    return op()
  } catch (e) {
    if (e instanceof LabError) throw e
    const reason = errno(e) ?? (e as Error).message
    throw new LabError('STORE_IO', `cannot ${action}: ${reason}`, { path, cause: e })
  }
}

/**
 * The file's bytes, or null when it does not exist. A plain Uint8Array of its own: both stores
 * return the same type, and a small Buffer may share Node's pool with unrelated bytes.
 */
export function readIfExists(path: string): Uint8Array | null {
  return storeIo(path, 'read file', () => {
    try {
      return new Uint8Array(readFileSync(path))
    } catch (e) {
      if (errno(e) === 'ENOENT') return null
      throw e
    }
  })
}

/** The file's size in bytes, or 0 when it does not exist. */
export function sizeIfExists(path: string): number {
  return storeIo(path, 'stat file', () => statSync(path, { throwIfNoEntry: false })?.size ?? 0)
}

/** Names in a directory, or none when it does not exist. */
export function listDir(dir: string): string[] {
  return storeIo(dir, 'list directory', () => {
    try {
      return readdirSync(dir)
    } catch (e) {
      if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') return []
      throw e
    }
  })
}

/** Flushes a directory's entries (new, renamed, removed names). Windows cannot open directories. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return
  storeIo(dir, 'sync directory', () => {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  })
}

/** Creates `root/part/part…` one level at a time, syncing each parent that gains an entry. */
export function ensureDirs(root: string, ...parts: string[]): string {
  const madeRoot = storeIo(root, 'create directory', () => mkdirSync(root, { recursive: true }))
  if (madeRoot !== undefined) fsyncDir(dirname(madeRoot))
  let dir = root
  for (const part of parts) {
    const child = join(dir, part)
    const created = storeIo(child, 'create directory', () => mkdirSync(child, { recursive: true }))
    if (created !== undefined) fsyncDir(dir)
    dir = child
  }
  return dir
}

function writeAndSync(path: string, flags: 'w' | 'a', bytes: Uint8Array): void {
  const fd = openSync(path, flags)
  try {
    let at = 0
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Replaces `path` with `bytes` atomically and durably (see the module comment). */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const temp = path + TEMP_SUFFIX
  storeIo(temp, 'write file', () => writeAndSync(temp, 'w', bytes))
  storeIo(path, 'rename temporary file over', () => renameSync(temp, path))
  fsyncDir(dirname(path))
}

/** Appends `bytes` to `path` and waits until they are on disk. */
export function appendDurable(path: string, bytes: Uint8Array): void {
  storeIo(path, 'append to file', () => writeAndSync(path, 'a', bytes))
}

/** Cuts `path` to `length` bytes durably (used to drop a torn tail before appending after it). */
export function truncateDurable(path: string, length: number): void {
  storeIo(path, 'truncate file', () => {
    truncateSync(path, length)
    const fd = openSync(path, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  })
}

/** Deletes a file if it exists; true when it did. The caller syncs the directory. */
export function unlinkIfExists(path: string): boolean {
  return storeIo(path, 'delete file', () => {
    try {
      unlinkSync(path)
      return true
    } catch (e) {
      if (errno(e) === 'ENOENT') return false
      throw e
    }
  })
}

/** Removes a directory if it is empty; leaves it otherwise. */
export function rmdirIfEmpty(dir: string): void {
  storeIo(dir, 'remove directory', () => {
    try {
      rmdirSync(dir)
    } catch (e) {
      if (!['ENOTEMPTY', 'EEXIST', 'ENOENT'].includes(errno(e) ?? '')) throw e
    }
  })
}
