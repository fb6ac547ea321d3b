import { describe, expect, it } from 'vitest'
import { attachmentPath, writeAttachment } from '../../../src/engine/disks/attachments.ts'
import { readFile } from '../../../src/engine/disks/files.ts'
import { parseVirtualPath } from '../../../src/engine/disks/paths.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { bytesOf, diskReplica, rejectsUnchanged, syncBoth } from './fixture.ts'

describe('attachments bridge', () => {
  it("builds the spec's /shared/attachments/ path, validated", () => {
    expect(attachmentPath('att-123', 'screenshot.png')).toBe('/shared/attachments/att-123-screenshot.png')
    for (const [id, name] of [
      ['a', '../x'],
      ['a/b', 'x'],
      ['', 'x'],
      ['a', ''],
      ['a', 'x\u0000y'],
      ['a', '.'.repeat(300)],
    ]) {
      expect(labErrorOf(() => attachmentPath(id!, name!)).code).toBe('BAD_PATH')
    }
  })

  it("stores the bytes on the shared disk and returns the spec's AttachmentData fields", () => {
    const alice = diskReplica('alice', 1, 'shared')
    const bob = diskReplica('bob', 2, 'shared')
    const png = bytesOf(0x89, 0x50, 0x4e, 0x47, 7, 7)
    const data = writeAttachment(alice.ctx, { id: 'att-123', filename: 'screenshot.png', content: png })
    expect(data).toEqual({
      id: 'att-123',
      filename: 'screenshot.png',
      file_path: '/shared/attachments/att-123-screenshot.png',
      mime_type: 'image/png',
      size_bytes: 6,
    })
    syncBoth(alice, bob)
    const { disk, path } = parseVirtualPath(data.file_path)
    expect(disk).toBe('shared')
    expect(readFile(bob.rctx, path)).toEqual(png)
  })

  it('refuses other disks and bad names, changing nothing', () => {
    const pub = diskReplica('alice', 1, 'public')
    expect(
      rejectsUnchanged(pub.md, () => writeAttachment(pub.ctx, { id: 'a', filename: 'x.png', content: bytesOf(1) }))
        .code,
    ).toBe('INVALID_ARG')
    const shared = diskReplica('alice', 2, 'shared')
    expect(
      rejectsUnchanged(shared.md, () => writeAttachment(shared.ctx, { id: 'a', filename: '../x', content: bytesOf(1) }))
        .code,
    ).toBe('BAD_PATH')
    expect(
      writeAttachment(shared.ctx, { id: 'a', filename: 'data', content: bytesOf(1), mime: 'application/x-thing' })
        .mime_type,
    ).toBe('application/x-thing')
  })
})
