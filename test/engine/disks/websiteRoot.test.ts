import { blake3 } from '@noble/hashes/blake3.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { deleteFile, writeFile } from '../../../src/engine/disks/files.ts'
import { websiteManifest, websiteRoot } from '../../../src/engine/disks/websiteRoot.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { bytesOf, diskReplica, syncBoth } from './fixture.ts'

const hex = (s: string | Uint8Array): string =>
  bytesToHex(blake3(typeof s === 'string' ? new TextEncoder().encode(s) : s))

describe('website root', () => {
  it('is the BLAKE3 of the canonical manifest: sorted paths with their content hashes', () => {
    const r = diskReplica('alice', 1, 'public')
    expect(websiteRoot(r.md)).toBeUndefined()
    writeFile(r.ctx, '/website/index.html', '<h1>hi</h1>')
    writeFile(r.ctx, '/website/img/logo.png', bytesOf(1, 2))
    writeFile(r.ctx, '/website/Z.css', 'b{}')
    const manifest =
      `communitas-website-manifest/1\n/website/Z.css\t${hex('b{}')}\n` +
      `/website/img/logo.png\t${hex(bytesOf(1, 2))}\n/website/index.html\t${hex('<h1>hi</h1>')}\n`
    expect(websiteManifest(r.md)).toBe(manifest)
    expect(websiteRoot(r.md)).toBe(hex(manifest))
  })

  it('changes iff a website file changes', () => {
    const r = diskReplica('alice', 1, 'public')
    writeFile(r.ctx, '/website/index.html', '<h1>hi</h1>')
    const root = websiteRoot(r.md)
    const steps: [string, () => void, boolean][] = [
      ['write outside /website/', () => writeFile(r.ctx, '/docs/notes.md', 'x'), false],
      ['a lookalike prefix', () => writeFile(r.ctx, '/websites/x.html', 'x'), false],
      [
        'rewrite with the same content, later',
        () => (r.clock.advance(1000), writeFile(r.ctx, '/website/index.html', '<h1>hi</h1>')),
        false,
      ],
      ['edit a website file', () => writeFile(r.ctx, '/website/index.html', '<h1>hello</h1>'), true],
      ['add a website file', () => writeFile(r.ctx, '/website/about.html', 'about'), true],
      ['delete a website file', () => deleteFile(r.ctx, '/website/about.html'), true],
      [
        'same bytes as binary',
        () => writeFile(r.ctx, '/website/index.html', new TextEncoder().encode('<h1>hello</h1>')),
        false,
      ],
    ]
    let before = root
    for (const [what, step, changes] of steps) {
      step()
      const after = websiteRoot(r.md)
      expect(after !== before, what).toBe(changes)
      before = after
    }
  })

  it('is the same on replicas holding the same site, and lives on the public disk only', () => {
    const a = diskReplica('alice', 1, 'public')
    const b = diskReplica('bob', 2, 'public')
    writeFile(a.ctx, '/website/index.html', 'a')
    writeFile(b.ctx, '/website/blog.html', 'b')
    syncBoth(a, b)
    expect(websiteRoot(a.md)).toBe(websiteRoot(b.md))
    expect(labErrorOf(() => websiteRoot(diskReplica('alice', 3, 'shared').md)).code).toBe('INVALID_ARG')
  })
})
