/**
 * How a virtual disk sits in its Y.Doc (`{entity}:disk-{disk}`):
 *
 *   files: Y.Map<path, Y.Map>   one entry per file: type, mime, size, updated_at, author, and
 *                               either `text` (a Y.Text: public collaborative text) or
 *                               `blob` (a content address) and, when sealed, `key` (a KeyRef)
 *   blobs: Y.Map<address, Uint8Array>   content-addressed bytes, each stored once
 *
 * Paths and metadata are in the clear on every disk; only content is sealed.
 *
 * Blob lifetime. A write that points a path at a blob (re)sets that blob in the same
 * transaction, even when it is already stored; a delete or write then removes every blob no
 * entry refers to. Yjs lets a set win over a concurrent delete of the same map key (the delete
 * removes only the item it saw), so a concurrent sweep can never leave a new pointer dangling.
 * The price: pointing a second path at existing bytes re-sends them once (the state still holds
 * them once). A sweep is skipped while Yjs holds pending structs, because a pending entry could
 * refer to a blob that already arrived.
 */
import { blake3 } from '@noble/hashes/blake3.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import { LabError } from '../base/errors.ts'
import type { Disk, MemberId } from '../base/ids.ts'
import { hasPending } from '../base/yjsInternals.ts'
import type { KeyRef } from './keyRing.ts'

export const FILES = 'files'
export const BLOBS = 'blobs'

/** What `readFile` returns: a string for text, bytes for binary. */
export type FileType = 'text' | 'binary'

/** A file entry as stored, checked field by field (a remote peer may write anything). */
export interface Entry {
  readonly type: FileType
  readonly mime: string
  readonly size: number
  readonly updated_at: number
  readonly author: MemberId
  readonly text?: Y.Text
  readonly blob?: string
  readonly key?: KeyRef
}

export const filesOf = (md: ManagedDoc): Y.Map<Y.Map<unknown>> => md.doc.getMap(FILES)
export const blobsOf = (md: ManagedDoc): Y.Map<Uint8Array> => md.doc.getMap(BLOBS)

/** The disk a document holds; `INVALID_ARG` when it is not a disk document. */
export function diskOf(md: ManagedDoc): Disk {
  const c = md.parsed.concern
  if (!c.startsWith('disk-')) throw new LabError('INVALID_ARG', `${md.id} is not a virtual disk document`)
  return c.slice('disk-'.length) as Disk
}

/** "disk public, /docs/a.md" - how errors name a file. */
export const whereOf = (disk: Disk, path: string): string => `disk ${disk}, ${JSON.stringify(path)}`

const corrupt = (where: string, what: string): LabError => new LabError('CORRUPT_FILE', `${where}: ${what}`)

/** The stored entry at `path`, or undefined; `CORRUPT_FILE` when its fields are malformed. */
export function readEntry(md: ManagedDoc, path: string): Entry | undefined {
  const raw: unknown = filesOf(md).get(path)
  if (raw === undefined) return undefined
  const where = whereOf(diskOf(md), path)
  if (!(raw instanceof Y.Map)) throw corrupt(where, 'the file entry is not a map')
  const e = Object.fromEntries(
    ['type', 'mime', 'size', 'updated_at', 'author', 'blob', 'key'].map((k) => [k, raw.get(k) as unknown]),
  )
  const text: unknown = raw.get('text')
  if (e.type !== 'text' && e.type !== 'binary') throw corrupt(where, `unknown file type ${JSON.stringify(e.type)}`)
  if (typeof e.mime !== 'string' || typeof e.author !== 'string') throw corrupt(where, 'mime or author is not a string')
  if (!Number.isSafeInteger(e.size) || !Number.isFinite(e.updated_at))
    throw corrupt(where, 'size or updated_at is not a number')
  if (text !== undefined && !(text instanceof Y.Text)) throw corrupt(where, 'text is not a Y.Text')
  if (text === undefined && typeof e.blob !== 'string')
    throw corrupt(where, 'the entry holds neither text nor a blob address')
  if (e.key !== undefined && typeof e.key !== 'string') throw corrupt(where, 'key is not a key reference')
  return {
    type: e.type,
    mime: e.mime,
    size: e.size as number,
    updated_at: e.updated_at as number,
    author: e.author,
    ...(text instanceof Y.Text ? { text } : { blob: e.blob as string }),
    ...(e.key !== undefined ? { key: e.key as KeyRef } : {}),
  }
}

/** Address of clear content: BLAKE3 of the bytes, hex. Also the content hash the website root uses. */
export const contentHash = (bytes: Uint8Array): string => bytesToHex(blake3(bytes))

const ADDRESS_CONTEXT = new TextEncoder().encode('crdt-lab 2026-01-01 sealed blob address')

/**
 * Address of sealed content: BLAKE3 keyed with a key derived from the sealing key. Equal files
 * under one key still share a blob, but the address tells someone without the key nothing (a
 * plain hash would confirm a guessed file).
 */
export function sealedAddress(key: Uint8Array, plaintext: Uint8Array): string {
  return bytesToHex(blake3(plaintext, { key: blake3(key, { context: ADDRESS_CONTEXT }) }))
}

/** Associated data of a sealed blob: binds it to its document and address. */
export const blobAad = (md: ManagedDoc, address: string): Uint8Array => new TextEncoder().encode(`${md.id}\n${address}`)

/** Removes every blob no file refers to (inside the caller's transaction); see the module comment. */
export function sweepBlobs(md: ManagedDoc): void {
  if (hasPending(md.doc)) return
  const referenced = new Set<unknown>()
  for (const entry of filesOf(md).values()) if (entry instanceof Y.Map) referenced.add(entry.get('blob'))
  const blobs = blobsOf(md)
  for (const address of [...blobs.keys()]) if (!referenced.has(address)) blobs.delete(address)
}
