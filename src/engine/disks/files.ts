/**
 * Files of a virtual disk: write, delete, read, list, stat. Plain functions over the disk's
 * ManagedDoc; writes run in one `ORIGIN_LOCAL` transaction after every check has passed, so a
 * bad input throws a typed error and leaves the document byte-identical.
 *
 * How content merges:
 * - Public text is a collaborative Y.Text. A write applies the minimal edit to the current text,
 *   so concurrent edits to different parts of a file are both kept.
 * - Everything else (binary files, and every file on the sealed `shared` and `private` disks) is a
 *   content-addressed blob. Character edits cannot merge over ciphertext, so an encrypted text
 *   file is replaced whole: concurrent writes resolve by Yjs map order (one whole version wins).
 * - A delete removes the path's entry, and with it every blob no other path refers to
 *   (layout.ts). A delete and a concurrent edit of the same existing file: the delete wins.
 *   Two concurrent creations of one new path: one whole version wins.
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import { ORIGIN_LOCAL } from '../docs/origins.ts'
import { LabError, isLabError } from '../base/errors.ts'
import type { Disk, MemberId } from '../base/ids.ts'
import type { WriteCtx } from '../ports/records.ts'
import type { IvSource } from './cipher.ts'
import { fileContent, type FileContent, type WriteFileOptions } from './content.ts'
import type { KeyRing } from './keyRing.ts'
import {
  blobsOf,
  contentHash,
  diskOf,
  filesOf,
  readEntry,
  sweepBlobs,
  whereOf,
  type Entry,
  type FileType,
} from './layout.ts'
import { compareUtf8, normalizeDir, normalizePath } from './paths.ts'
import { openBlob, prepareBlob, requireKey, sealingRef, type PreparedBlob } from './sealing.ts'
import { replaceText } from './textEdit.ts'

/** Who reads: the disk document and the keys this replica holds. */
export interface DiskReadCtx {
  readonly md: ManagedDoc
  readonly keys: KeyRing
}

/** Who writes, when, with which keys and IVs. */
export interface DiskWriteCtx extends WriteCtx {
  readonly keys: KeyRing
  /** IVs for sealing: a seeded source forked per replica. */
  readonly ivs: IvSource
  /** Whose member key seals the private disk: the entity's owner (e.g. core `metadata.created_by`). */
  readonly owner: MemberId
}

/** A file's metadata as `stat` and `listFiles` show it. */
export interface FileStat {
  readonly disk: Disk
  readonly path: string
  readonly type: FileType
  readonly mime: string
  /** Bytes of the clear content (UTF-8 for text). */
  readonly size: number
  readonly updated_at: number
  readonly author: MemberId
  readonly encrypted: boolean
  /** BLAKE3 (hex) of the clear content; public files only (a sealed file's hash would confirm a guess). */
  readonly hash?: string
}

const utf8 = new TextEncoder()

function statOf(disk: Disk, path: string, e: Entry): FileStat {
  const text = e.text?.toString()
  const bytes = text === undefined ? undefined : utf8.encode(text)
  const hash = disk !== 'public' ? undefined : bytes !== undefined ? contentHash(bytes) : e.blob
  const base = {
    disk,
    path,
    type: e.type,
    mime: e.mime,
    size: bytes?.length ?? e.size,
    updated_at: e.updated_at,
    author: e.author,
    encrypted: e.key !== undefined,
  }
  return hash === undefined ? base : { ...base, hash }
}

function existing(md: ManagedDoc, disk: Disk, path: string): Entry {
  const e = readEntry(md, path)
  if (e === undefined) throw new LabError('NOT_FOUND', `${whereOf(disk, path)}: no such file`)
  return e
}

/** The current entry, or undefined when absent or too damaged to update in place (it is replaced). */
function replaceable(md: ManagedDoc, path: string): Entry | undefined {
  try {
    return readEntry(md, path)
  } catch (e) {
    if (isLabError(e, 'CORRUPT_FILE')) return undefined
    throw e
  }
}

/** Sets only the fields whose value changes: an unchanged field should not win a concurrent write. */
function setFields(entry: Y.Map<unknown>, fields: Readonly<Record<string, unknown>>): void {
  for (const [k, v] of Object.entries(fields)) if (entry.get(k) !== v) entry.set(k, v)
}

function freshEntry(md: ManagedDoc, path: string): Y.Map<unknown> {
  const entry = new Y.Map<unknown>()
  filesOf(md).set(path, entry)
  return entry
}

function writeText(ctx: DiskWriteCtx, path: string, c: FileContent, current: Entry | undefined): void {
  const meta = { type: c.type, mime: c.mime, size: c.bytes.length, updated_at: ctx.now, author: ctx.member }
  if (current?.text !== undefined) {
    replaceText(current.text, c.text!)
    setFields(filesOf(ctx.md).get(path)!, meta)
    return
  }
  const entry = freshEntry(ctx.md, path)
  setFields(entry, meta)
  const text = new Y.Text()
  entry.set('text', text)
  text.insert(0, c.text!)
}

function writeBlob(
  ctx: DiskWriteCtx,
  path: string,
  c: FileContent,
  blob: PreparedBlob,
  keyRef: string | undefined,
  current: Entry | undefined,
): void {
  // A path newly pointing at a blob re-sets it, so no concurrent sweep can leave it dangling.
  if (current?.blob !== blob.address || !blob.reused) blobsOf(ctx.md).set(blob.address, blob.stored)
  const fields = {
    type: c.type,
    mime: c.mime,
    size: c.bytes.length,
    updated_at: ctx.now,
    author: ctx.member,
    blob: blob.address,
  }
  const entry = current?.blob !== undefined ? filesOf(ctx.md).get(path)! : freshEntry(ctx.md, path)
  setFields(entry, keyRef === undefined ? fields : { ...fields, key: keyRef })
}

/**
 * Writes `content` to `path`: a string is text, bytes are binary (unless `opts.text`). Returns the
 * file's new metadata. Throws `BAD_PATH`, `INVALID_ARG`, `SIZE_LIMIT` or `NO_KEY`, changing nothing.
 */
export function writeFile(
  ctx: DiskWriteCtx,
  path: string,
  content: string | Uint8Array,
  opts: WriteFileOptions = {},
): FileStat {
  const disk = diskOf(ctx.md)
  const p = normalizePath(path)
  const c = fileContent(p, content, opts, whereOf(disk, p))
  const current = replaceable(ctx.md, p)
  if (disk === 'public' && c.type === 'text') {
    ctx.md.doc.transact(() => {
      writeText(ctx, p, c, current)
      sweepBlobs(ctx.md)
    }, ORIGIN_LOCAL)
  } else {
    const ref = sealingRef(ctx.md, disk, ctx.owner)
    const key = ref === undefined ? undefined : requireKey(ctx.keys, ref, disk, p)
    const blob = prepareBlob(ctx.md, c.bytes, key, ctx.ivs)
    ctx.md.doc.transact(() => {
      writeBlob(ctx, p, c, blob, ref, current)
      sweepBlobs(ctx.md)
    }, ORIGIN_LOCAL)
  }
  return stat(ctx.md, p)
}

/** Deletes the file at `path` (and blobs left unreferenced). `NOT_FOUND` when there is none. */
export function deleteFile(ctx: WriteCtx, path: string): void {
  const disk = diskOf(ctx.md)
  const p = normalizePath(path)
  if (!filesOf(ctx.md).has(p)) throw new LabError('NOT_FOUND', `${whereOf(disk, p)}: no such file`)
  ctx.md.doc.transact(() => {
    filesOf(ctx.md).delete(p)
    sweepBlobs(ctx.md)
  }, ORIGIN_LOCAL)
}

/**
 * The content of the file at `path`: a string for text, fresh bytes for binary. Throws
 * `NOT_FOUND`, `NO_KEY` (sealed, key not held) or `CORRUPT_FILE` (damaged or tampered content).
 */
export function readFile(rctx: DiskReadCtx, path: string): string | Uint8Array {
  const disk = diskOf(rctx.md)
  const p = normalizePath(path)
  const e = existing(rctx.md, disk, p)
  if (e.text !== undefined) return e.text.toString()
  const bytes = openBlob(rctx.md, rctx.keys, e, disk, p)
  if (e.type === 'binary') return bytes
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch (cause) {
    throw new LabError('CORRUPT_FILE', `${whereOf(disk, p)}: text content is not valid UTF-8`, { cause })
  }
}

/** Metadata of the file at `path`; `NOT_FOUND` when there is none. Needs no key. */
export function stat(md: ManagedDoc, path: string): FileStat {
  const disk = diskOf(md)
  const p = normalizePath(path)
  return statOf(disk, p, existing(md, disk, p))
}

/**
 * Metadata of every file whose path starts with `prefix` (a directory such as `/website/`;
 * default every file), in UTF-8 byte order of paths. Entries a peer wrote under an invalid path or
 * with malformed fields are left out: they cannot be read either.
 */
export function listFiles(md: ManagedDoc, prefix = '/'): FileStat[] {
  const disk = diskOf(md)
  const dir = normalizeDir(prefix)
  const out: FileStat[] = []
  for (const path of filesOf(md).keys()) {
    if (!path.startsWith(dir)) continue
    try {
      if (normalizePath(path) !== path) continue
      const e = readEntry(md, path)
      if (e !== undefined) out.push(statOf(disk, path, e))
    } catch (e) {
      if (!isLabError(e, 'BAD_PATH') && !isLabError(e, 'CORRUPT_FILE')) throw e
    }
  }
  return out.sort((a, b) => compareUtf8(a.path, b.path))
}
