import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeAttachment } from '../../../src/engine/disks/attachments.ts'
import { deleteFile, writeFile } from '../../../src/engine/disks/files.ts'
import { DISKS, type Disk } from '../../../src/engine/base/ids.ts'
import { bytesOf, diskReplica, memberKeys, OWNER, syncBoth } from './fixture.ts'

/** A fixed script on two replicas of `disk`; returns both final documents' encoded states. */
function run(seed: string, disk: Disk): [Uint8Array, Uint8Array] {
  const a = diskReplica(OWNER, 11, disk, { seed })
  // bob holds the owner's member key too, so the script can write the private disk from both sides.
  const b = diskReplica('bob', 22, disk, { seed, holds: { ...memberKeys('bob'), members: ['bob', OWNER] } })
  writeFile(a.ctx, '/notes.md', '# one\n\ntwo\n')
  writeFile(a.ctx, '/logo.png', bytesOf(1, 2, 3))
  syncBoth(a, b)
  a.clock.advance(10)
  writeFile(a.ctx, '/notes.md', '# one!\n\ntwo\n')
  writeFile(b.ctx, '/notes.md', '# one\n\ntwo?\n')
  deleteFile(b.ctx, '/logo.png')
  if (disk === 'shared') writeAttachment(b.ctx, { id: 'att-1', filename: 'a.png', content: bytesOf(9) })
  syncBoth(a, b)
  return [Y.encodeStateAsUpdate(a.md.doc), Y.encodeStateAsUpdate(b.md.doc)]
}

describe('determinism', () => {
  it.each(DISKS)('the same seed gives byte-identical %s disk documents', (disk) => {
    const first = run('seed-7', disk)
    expect(run('seed-7', disk)).toEqual(first)
    expect(first[0]).toEqual(first[1])
  })

  it('another seed gives other keys and IVs, hence other ciphertext', () => {
    expect(run('seed-8', 'shared')[0]).not.toEqual(run('seed-7', 'shared')[0])
    expect(run('seed-8', 'public')[0]).toEqual(run('seed-7', 'public')[0])
  })
})
