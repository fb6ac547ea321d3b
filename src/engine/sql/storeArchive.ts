/**
 * One SQL archive per replica, attached to its DocStore rather than to the Replica object: the
 * simulator keeps a replica's store across a crash and builds a new Replica on it, and the archive
 * must survive that exactly as the store does. A filesystem store keeps `archive.sqlite` in its
 * root, beside the entity folders of `.yrs` files; an in-memory store owns an in-memory database
 * for as long as the store object lives.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { storeIo } from '../store/durableFs.ts'
import type { DocStore } from '../store/store.ts'
import { SqlArchive } from './archive.ts'
import { MEMORY } from './openDb.ts'

/** File name of the archive in a filesystem store's root. */
export const ARCHIVE_FILE = 'archive.sqlite'

const archives = new WeakMap<DocStore, SqlArchive>()

/** Where the store's archive lives: a path beside its documents, or `:memory:`. */
const archivePathOf = (store: DocStore): string => (store.dir === null ? MEMORY : join(store.dir, ARCHIVE_FILE))

/**
 * The store's archive, opened (and migrated) on first use. Throws LabError SQL_CORRUPT naming the
 * file when it is corrupt or not an archive; the next call tries again.
 */
export function archiveOf(store: DocStore): SqlArchive {
  const open = archives.get(store)
  if (open) return open
  if (store.dir !== null)
    storeIo(store.dir, 'create the store directory', () => mkdirSync(store.dir!, { recursive: true }))
  const archive = SqlArchive.open(archivePathOf(store))
  archives.set(store, archive)
  return archive
}

/**
 * The store's archive if it is open, else undefined. An in-memory archive that was never opened
 * holds nothing; a filesystem store's is opened when its replica starts. For cheap questions
 * ("any rows?") that must not open a database per replica.
 */
export const openedArchiveOf = (store: DocStore): SqlArchive | undefined => archives.get(store)

/**
 * Closes the store's archive (before deleting a store's files, or at shutdown). An in-memory
 * archive is gone after this, like the rest of a memory store would be with its process.
 */
export function closeArchive(store: DocStore): void {
  archives.get(store)?.close()
  archives.delete(store)
}
