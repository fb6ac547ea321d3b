import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { seal, unseal } from '../../../src/engine/disks/cipher.ts'
import { readFile, stat, writeFile } from '../../../src/engine/disks/files.ts'
import { deriveKey, SeededKeyRing } from '../../../src/engine/disks/keyRing.ts'
import { blobsOf, filesOf } from '../../../src/engine/disks/layout.ts'
import { Rng } from '../../../src/engine/base/providers.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { ENTITY, OWNER, SEED, containsBytes, diskReplica, rejectsUnchanged, syncBoth } from './fixture.ts'

const SECRET = 'the launch code is tulip-quartz-nine'
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('sealed disks', () => {
  it('holds ciphertext only: the plaintext appears nowhere in the replicated document', () => {
    for (const disk of ['shared', 'private'] as const) {
      const r = diskReplica(OWNER, 1, disk)
      writeFile(r.ctx, '/secret.md', SECRET)
      writeFile(r.ctx, '/secret.bin', utf8(`${SECRET}!`))
      const state = Y.encodeStateAsUpdate(r.md.doc)
      expect(containsBytes(state, utf8(SECRET))).toBe(false)
      expect(containsBytes(state, utf8('tulip-quartz'))).toBe(false)
      expect(stat(r.md, '/secret.md')).toMatchObject({ encrypted: true, size: SECRET.length })
      expect(stat(r.md, '/secret.md').hash).toBeUndefined()
    }
  })

  it('shared: every member with the entity key reads; a replica without it replicates but gets NO_KEY', () => {
    const alice = diskReplica('alice', 1, 'shared')
    const bob = diskReplica('bob', 2, 'shared')
    const outsider = diskReplica('mallory', 3, 'shared', { holds: { members: ['mallory'] } })
    writeFile(alice.ctx, '/plans/q3.md', SECRET)
    syncBoth(alice, bob)
    syncBoth(alice, outsider)
    expect(readFile(bob.rctx, '/plans/q3.md')).toBe(SECRET)
    expect(Y.encodeStateAsUpdate(outsider.md.doc)).toEqual(Y.encodeStateAsUpdate(alice.md.doc))
    const e = labErrorOf(() => readFile(outsider.rctx, '/plans/q3.md'))
    expect(e.code).toBe('NO_KEY')
    expect(e.message).toMatch(/disk shared, "\/plans\/q3\.md".*entity:group:ocean-forest-moon-star/)
    expect(stat(outsider.md, '/plans/q3.md').size).toBe(SECRET.length) // metadata is in the clear
    expect(rejectsUnchanged(outsider.md, () => writeFile(outsider.ctx, '/x.md', 'x')).code).toBe('NO_KEY')
  })

  it("private: sealed with the owner's member key; other members get NO_KEY", () => {
    const alice = diskReplica(OWNER, 1, 'private')
    const bob = diskReplica('bob', 2, 'private')
    writeFile(alice.ctx, '/docs/meeting-notes.md', SECRET)
    syncBoth(alice, bob)
    expect(readFile(alice.rctx, '/docs/meeting-notes.md')).toBe(SECRET)
    expect(labErrorOf(() => readFile(bob.rctx, '/docs/meeting-notes.md')).message).toMatch(
      /disk private, .*member:alice/,
    )
    expect(rejectsUnchanged(bob.md, () => writeFile(bob.ctx, '/docs/mine.md', 'x')).code).toBe('NO_KEY')
    const alicesOtherDevice = diskReplica(OWNER, 9, 'private', { holds: { members: [OWNER] } })
    syncBoth(alice, alicesOtherDevice)
    expect(readFile(alicesOtherDevice.rctx, '/docs/meeting-notes.md')).toBe(SECRET)
  })

  it('detects tampered ciphertext and blobs moved to another address (GCM authentication)', () => {
    const r = diskReplica(OWNER, 1, 'shared')
    writeFile(r.ctx, '/a.md', SECRET)
    writeFile(r.ctx, '/b.md', 'another file')
    const blobs = blobsOf(r.md)
    const addressOf = (path: string): string => filesOf(r.md).get(path)!.get('blob') as string
    const a = addressOf('/a.md')
    const b = addressOf('/b.md')
    const flipped = blobs.get(a)!.slice()
    flipped[flipped.length - 20]! ^= 1
    r.md.doc.transact(() => blobs.set(a, flipped))
    const e = labErrorOf(() => readFile(r.rctx, '/a.md'))
    expect(e.code).toBe('CORRUPT_FILE')
    expect(e.message).toMatch(/disk shared, "\/a\.md": authentication failed/)
    r.md.doc.transact(() => blobs.set(b, blobs.get(a)!))
    expect(labErrorOf(() => readFile(r.rctx, '/b.md')).code).toBe('CORRUPT_FILE')
    writeFile(r.ctx, '/c.md', SECRET) // same content: the damaged blob is replaced, not reused
    expect(readFile(r.rctx, '/a.md')).toBe(SECRET)
  })

  it('dedups equal content under one key without revealing a plain hash', () => {
    const r = diskReplica(OWNER, 1, 'shared')
    writeFile(r.ctx, '/a.md', SECRET)
    writeFile(r.ctx, '/b.md', SECRET)
    expect(blobsOf(r.md).size).toBe(1)
    const address = filesOf(r.md).get('/a.md')!.get('blob')
    const pub = diskReplica(OWNER, 2, 'public')
    writeFile(pub.ctx, '/a.bin', utf8(SECRET))
    expect(address).not.toBe(stat(pub.md, '/a.bin').hash)
  })

  it('seals with IVs from the injected generator and rejects malformed blobs', () => {
    const key = deriveKey(SEED, 'entity:group:x')
    const aad = utf8('aad')
    expect(seal(key, utf8('x'), aad, new Rng(1))).toEqual(seal(key, utf8('x'), aad, new Rng(1)))
    expect(seal(key, utf8('x'), aad, new Rng(1))).not.toEqual(seal(key, utf8('x'), aad, new Rng(2)))
    expect(unseal(key, seal(key, utf8('x'), aad, new Rng(1)), aad, 'here')).toEqual(utf8('x'))
    expect(labErrorOf(() => unseal(key, new Uint8Array(5), aad, 'here')).code).toBe('CORRUPT_FILE')
  })

  it('derives keys from the seed and the key reference; holds only what was granted', () => {
    const ring = new SeededKeyRing(SEED, { entities: [ENTITY] })
    expect(ring.entityKey(ENTITY)).toEqual(deriveKey(SEED, `entity:${ENTITY}`))
    expect(ring.entityKey(ENTITY)).toHaveLength(32)
    expect(deriveKey('other-seed', `entity:${ENTITY}`)).not.toEqual(ring.entityKey(ENTITY))
    expect(ring.memberKey('alice')).toBeUndefined()
    ring.grantMember('alice')
    expect(ring.memberKey('alice')).toEqual(deriveKey(SEED, 'member:alice'))
    ring.revokeEntity(ENTITY)
    expect(ring.entityKey(ENTITY)).toBeUndefined()
    const bad = { entityKey: () => new Uint8Array(16), memberKey: () => undefined }
    const r = diskReplica(OWNER, 1, 'shared')
    expect(rejectsUnchanged(r.md, () => writeFile({ ...r.ctx, keys: bad }, '/x', 'x')).code).toBe('INVALID_ARG')
  })
})
