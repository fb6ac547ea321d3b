import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MAX_FILE_BYTES } from '../../../src/engine/disks/content.ts'
import { deleteFile, listFiles, readFile, stat, writeFile } from '../../../src/engine/disks/files.ts'
import { blobsOf, filesOf } from '../../../src/engine/disks/layout.ts'
import { DISKS } from '../../../src/engine/base/ids.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { OWNER, bytesOf, diskReplica, rejectsUnchanged } from './fixture.ts'

const NOTES = '# Meeting notes\n\n- ship the disks\n- merge on Friday\n'
const LOGO = bytesOf(0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255)

describe.each(DISKS)('files on the %s disk', (disk) => {
  it('round-trips text as a string and binary as bytes, with metadata', () => {
    const r = diskReplica(OWNER, 1, disk)
    const s = writeFile(r.ctx, '/docs/meeting-notes.md', NOTES)
    writeFile(r.ctx, '/images/logo.png', LOGO)
    expect(readFile(r.rctx, '/docs/meeting-notes.md')).toBe(NOTES)
    expect(readFile(r.rctx, '/images/logo.png')).toEqual(LOGO)
    expect(s).toMatchObject({
      disk,
      path: '/docs/meeting-notes.md',
      type: 'text',
      mime: 'text/markdown',
      size: NOTES.length,
      updated_at: r.clock.now(),
      author: OWNER,
      encrypted: disk !== 'public',
    })
    expect(stat(r.md, '/images/logo.png')).toMatchObject({ type: 'binary', mime: 'image/png', size: LOGO.length })
    expect(listFiles(r.md).map((f) => f.path)).toEqual(['/docs/meeting-notes.md', '/images/logo.png'])
    expect(listFiles(r.md, '/images/').map((f) => f.path)).toEqual(['/images/logo.png'])
  })

  it('overwrites, updates the metadata from the injected clock and author, and deletes', () => {
    const r = diskReplica(OWNER, 1, disk)
    writeFile(r.ctx, '/a.md', 'one')
    r.clock.advance(5_000)
    const s = writeFile({ ...r.ctx, member: 'bob', now: r.clock.now() }, '/a.md', 'two, longer')
    expect(s).toMatchObject({ size: 11, updated_at: r.clock.now(), author: 'bob' })
    expect(readFile(r.rctx, '/a.md')).toBe('two, longer')
    deleteFile(r.ctx, '/a.md')
    expect(labErrorOf(() => readFile(r.rctx, '/a.md')).code).toBe('NOT_FOUND')
    expect(rejectsUnchanged(r.md, () => deleteFile(r.ctx, '/a.md')).code).toBe('NOT_FOUND')
    expect(filesOf(r.md).size).toBe(0)
    expect(blobsOf(r.md).size).toBe(0)
  })

  it('keeps multi-byte and astral text exactly, BOM included', () => {
    const r = diskReplica(OWNER, 1, disk)
    const text = '\ufeffcafé 🌊 naïve\r\n'
    expect(writeFile(r.ctx, '/t.txt', text).size).toBe(new TextEncoder().encode(text).length)
    expect(readFile(r.rctx, '/t.txt')).toBe(text)
    writeFile(r.ctx, '/u.md', new TextEncoder().encode('bytes marked as text'), { text: true })
    expect(readFile(r.rctx, '/u.md')).toBe('bytes marked as text')
  })

  it('rejects bad content and options with typed errors, changing nothing', () => {
    const r = diskReplica(OWNER, 1, disk)
    writeFile(r.ctx, '/keep.md', 'kept')
    expect(rejectsUnchanged(r.md, () => writeFile(r.ctx, '/x', 42 as never)).code).toBe('INVALID_ARG')
    expect(rejectsUnchanged(r.md, () => writeFile(r.ctx, '/x', 'a\ud800')).code).toBe('INVALID_ARG')
    expect(rejectsUnchanged(r.md, () => writeFile(r.ctx, '/x', bytesOf(0xff, 0xfe), { text: true })).code).toBe(
      'INVALID_ARG',
    )
    expect(rejectsUnchanged(r.md, () => writeFile(r.ctx, '/x', 'a', { mime: 'not a mime' })).code).toBe('INVALID_ARG')
    expect(rejectsUnchanged(r.md, () => writeFile(r.ctx, '/x', new Uint8Array(MAX_FILE_BYTES + 1))).code).toBe(
      'SIZE_LIMIT',
    )
    expect(rejectsUnchanged(r.md, () => deleteFile(r.ctx, '/a/../keep.md')).code).toBe('BAD_PATH')
    expect(readFile(r.rctx, '/keep.md')).toBe('kept')
  })
})

describe('files', () => {
  it('stores the same bytes once under their BLAKE3 hash, and drops a blob once nothing refers to it', () => {
    const r = diskReplica(OWNER, 1, 'public')
    const big = new Uint8Array(4096).map((_, i) => (i * 7) % 251)
    writeFile(r.ctx, '/a.bin', big)
    const once = Y.encodeStateAsUpdate(r.md.doc).length
    writeFile(r.ctx, '/b.bin', big)
    expect(blobsOf(r.md).size).toBe(1)
    expect(stat(r.md, '/a.bin').hash).toBe(stat(r.md, '/b.bin').hash)
    // The second path adds its entry and a re-pin tombstone, not the 4 KiB again.
    expect(Y.encodeStateAsUpdate(r.md.doc).length).toBeLessThan(once + 400)
    deleteFile(r.ctx, '/a.bin')
    expect(blobsOf(r.md).size).toBe(1)
    expect(readFile(r.rctx, '/b.bin')).toEqual(big)
    writeFile(r.ctx, '/b.bin', bytesOf(1))
    expect([...blobsOf(r.md).keys()]).toEqual([stat(r.md, '/b.bin').hash])
  })

  it('copies bytes in and out, so callers cannot change the document behind its back', () => {
    const r = diskReplica(OWNER, 1, 'public')
    const mine = bytesOf(1, 2, 3)
    writeFile(r.ctx, '/x.bin', mine)
    mine[0] = 9
    const out = readFile(r.rctx, '/x.bin') as Uint8Array
    out[1] = 9
    expect(readFile(r.rctx, '/x.bin')).toEqual(bytesOf(1, 2, 3))
  })

  it('switches a public path between collaborative text and a blob', () => {
    const r = diskReplica(OWNER, 1, 'public')
    writeFile(r.ctx, '/f', 'text')
    writeFile(r.ctx, '/f', bytesOf(7))
    expect(readFile(r.rctx, '/f')).toEqual(bytesOf(7))
    writeFile(r.ctx, '/f', 'text again')
    expect(readFile(r.rctx, '/f')).toBe('text again')
    expect(blobsOf(r.md).size).toBe(0)
  })

  it('refuses documents that are not disks, and reports malformed entries a peer wrote', () => {
    const r = diskReplica(OWNER, 1, 'public')
    const core = r.dm.get('group:ocean-forest-moon-star:core')
    expect(labErrorOf(() => stat(core, '/x')).code).toBe('INVALID_ARG')
    r.md.doc.transact(() => filesOf(r.md).set('/odd', new Y.Map()))
    r.md.doc.transact(() => filesOf(r.md).set('../escape', new Y.Map()))
    expect(labErrorOf(() => readFile(r.rctx, '/odd')).code).toBe('CORRUPT_FILE')
    expect(listFiles(r.md)).toEqual([])
    writeFile(r.ctx, '/odd', 'repaired')
    expect(readFile(r.rctx, '/odd')).toBe('repaired')
  })

  it('survives a restart: the disk document is persisted like any other', () => {
    const r = diskReplica(OWNER, 1, 'shared')
    writeFile(r.ctx, '/a.md', NOTES)
    r.dm.compactAll()
    writeFile(r.ctx, '/b.png', LOGO)
    const again = diskReplica(OWNER, 2, 'shared', { store: r.store })
    expect(Y.encodeStateAsUpdate(again.md.doc)).toEqual(Y.encodeStateAsUpdate(r.md.doc))
    expect(readFile(again.rctx, '/a.md')).toBe(NOTES)
    expect(readFile(again.rctx, '/b.png')).toEqual(LOGO)
  })
})
