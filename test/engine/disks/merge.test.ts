/**
 * Two replicas of one disk (pinned distinct clientIDs) writing concurrently, then exchanging
 * their updates both ways.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { deleteFile, readFile, stat, writeFile } from '../../../src/engine/disks/files.ts'
import { blobsOf } from '../../../src/engine/disks/layout.ts'
import { hasPending } from '../../../src/engine/base/yjsInternals.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { bytesOf, deliver, diskReplica, syncBoth, type DiskReplica } from './fixture.ts'

const BASE = '# Plan\n\nIntro paragraph.\n\n## Risks\n\nNone yet.\n'

function pair(disk: 'public' | 'shared'): [DiskReplica, DiskReplica] {
  const a = diskReplica('alice', 101, disk)
  const b = diskReplica('bob', 202, disk)
  return [a, b]
}

const sameDoc = (a: DiskReplica, b: DiskReplica): void => {
  expect(a.md.doc.getMap('files').toJSON()).toEqual(b.md.doc.getMap('files').toJSON())
  expect(Y.encodeStateVector(a.md.doc)).toEqual(Y.encodeStateVector(b.md.doc))
}

describe('concurrent disk writes', () => {
  it('keeps both edits to different parts of one public markdown file', () => {
    const [a, b] = pair('public')
    writeFile(a.ctx, '/plan.md', BASE)
    syncBoth(a, b)
    writeFile(a.ctx, '/plan.md', BASE.replace('Intro paragraph.', 'Intro paragraph, rewritten by alice.'))
    writeFile(b.ctx, '/plan.md', BASE.replace('None yet.', 'Bob: the schedule.'))
    syncBoth(a, b)
    const merged = '# Plan\n\nIntro paragraph, rewritten by alice.\n\n## Risks\n\nBob: the schedule.\n'
    expect(readFile(a.rctx, '/plan.md')).toBe(merged)
    expect(readFile(b.rctx, '/plan.md')).toBe(merged)
    expect(stat(a.md, '/plan.md').size).toBe(merged.length)
    sameDoc(a, b)
  })

  it('replaces an encrypted text whole: one version wins on both replicas', () => {
    const [a, b] = pair('shared')
    writeFile(a.ctx, '/plan.md', BASE)
    syncBoth(a, b)
    const fromA = BASE.replace('Intro paragraph.', 'alice')
    const fromB = BASE.replace('None yet.', 'bob')
    writeFile(a.ctx, '/plan.md', fromA)
    writeFile(b.ctx, '/plan.md', fromB)
    syncBoth(a, b)
    const seen = readFile(a.rctx, '/plan.md')
    expect([fromA, fromB]).toContain(seen)
    expect(readFile(b.rctx, '/plan.md')).toBe(seen)
    sameDoc(a, b)
  })

  it('a delete wins over a concurrent edit of the same file', () => {
    const [a, b] = pair('public')
    writeFile(a.ctx, '/plan.md', BASE)
    syncBoth(a, b)
    deleteFile(a.ctx, '/plan.md')
    writeFile(b.ctx, '/plan.md', `${BASE}more\n`)
    syncBoth(a, b)
    expect(labErrorOf(() => readFile(a.rctx, '/plan.md')).code).toBe('NOT_FOUND')
    expect(labErrorOf(() => readFile(b.rctx, '/plan.md')).code).toBe('NOT_FOUND')
    sameDoc(a, b)
  })

  it('a concurrent sweep never leaves a new pointer to shared bytes dangling', () => {
    for (const disk of ['public', 'shared'] as const) {
      const [a, b] = pair(disk)
      const logo = bytesOf(1, 2, 3, 4)
      writeFile(a.ctx, '/old/logo.png', logo)
      syncBoth(a, b)
      deleteFile(a.ctx, '/old/logo.png') // a sweeps the blob: nothing refers to it on a
      writeFile(b.ctx, '/new/logo.png', logo) // b points a new path at the same blob
      syncBoth(a, b)
      expect(readFile(a.rctx, '/new/logo.png')).toEqual(logo)
      expect(readFile(b.rctx, '/new/logo.png')).toEqual(logo)
      expect(blobsOf(a.md).size).toBe(1)
      sameDoc(a, b)
    }
  })

  it('does not sweep while an entry is pending, and converges once it arrives', () => {
    const [a, b] = pair('public')
    const c = diskReplica('carol', 303, 'public')
    writeFile(a.ctx, '/x.bin', bytesOf(1))
    syncBoth(a, b)
    // b overwrites a's entry in place: c, which has nothing of a's, integrates b's new blob but
    // holds b's entry fields as pending until a's entry arrives.
    const fromB: Uint8Array[] = []
    b.md.doc.on('update', (u: Uint8Array) => fromB.push(u))
    writeFile(b.ctx, '/x.bin', bytesOf(2))
    writeFile(c.ctx, '/c.bin', bytesOf(3))
    for (const u of fromB) c.dm.applyRemote(c.md, u)
    expect(hasPending(c.md.doc)).toBe(true)
    deleteFile(c.ctx, '/c.bin') // would sweep b's blob, were the sweep not skipped
    deliver(a, c)
    deliver(b, c)
    expect(hasPending(c.md.doc)).toBe(false)
    expect(readFile(c.rctx, '/x.bin')).toEqual(bytesOf(2))
  })
})
