import { describe, expect, it } from 'vitest'
import { writeFile } from '../../../src/engine/disks/files.ts'
import { normalizeDir, normalizePath, parseVirtualPath, virtualPath } from '../../../src/engine/disks/paths.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { diskReplica, rejectsUnchanged } from './fixture.ts'

const BAD: [string, string, RegExp][] = [
  ['parent escape', '../../etc/passwd', /relative/],
  ['dot-dot segment', '/a/../b', /"\.\." segment; "\." and "\.\." are rejected, not resolved/],
  ['dot segment', '/a/./b', /"\." segment/],
  ['empty segment', '//x', /empty segment/],
  ['trailing slash', '/docs/', /empty segment/],
  ['root only', '/', /empty segment/],
  ['backslash', '/a\\b', /backslash/],
  ['relative', 'x', /relative/],
  ['NUL', '/a\u0000b', /NUL or other control character/],
  ['newline', '/a\nb', /control character/],
  ['C1 control', '/a\u0085b', /control character/],
  ['lone surrogate', '/a\ud800b', /lone surrogate/],
  ['empty', '', /empty/],
  ['overlong segment', `/${'s'.repeat(256)}`, /segment is longer than 255 bytes/],
  ['overlong multibyte segment', `/${'é'.repeat(128)}`, /segment is longer than 255 bytes/],
  ['overlong path', `/${Array.from({ length: 5 }, () => 'p'.repeat(250)).join('/')}`, /longer than 1024 bytes/],
  ['overlong 3-byte segment', `/${'€'.repeat(86)}`, /segment is longer than 255 bytes/],
  ['overlong 4-byte segment', `/${'𝄞'.repeat(64)}`, /segment is longer than 255 bytes/],
]

describe('disk paths', () => {
  it.each(BAD)('rejects %s (%j) as BAD_PATH naming the path and the rule, changing nothing', (_name, path, rule) => {
    const r = diskReplica('alice', 1, 'public')
    writeFile(r.ctx, '/b', 'kept')
    const e = rejectsUnchanged(r.md, () => writeFile(r.ctx, path, 'x'))
    expect(e.code).toBe('BAD_PATH')
    expect(e.message).toMatch(rule)
    expect(e.message).toContain(JSON.stringify(path.length > 120 ? `${path.slice(0, 117)}...` : path))
  })

  it('accepts the limits exactly and normalizes to NFC', () => {
    expect(normalizePath(`/${'s'.repeat(255)}`)).toHaveLength(256)
    // UTF-8 bytes, not UTF-16 units: 85 × 3 and 63 × 4 bytes fit, one more of either does not (above).
    expect(normalizePath(`/${'€'.repeat(85)}`)).toHaveLength(86)
    expect(normalizePath(`/${'𝄞'.repeat(63)}`)).toHaveLength(127)
    expect(normalizePath('/docs/meeting-notes.md')).toBe('/docs/meeting-notes.md')
    expect(normalizePath('/cafe\u0301.md')).toBe('/caf\u00e9.md')
    expect(normalizePath('/.hidden/..x/a..b')).toBe('/.hidden/..x/a..b')
    expect(labErrorOf(() => normalizePath(42)).code).toBe('BAD_PATH')
  })

  it("splits and builds the spec's disk-prefixed virtual paths", () => {
    expect(parseVirtualPath('/shared/attachments/screenshot.png')).toEqual({
      disk: 'shared',
      path: '/attachments/screenshot.png',
    })
    expect(parseVirtualPath('/public/website/index.html')).toEqual({ disk: 'public', path: '/website/index.html' })
    expect(virtualPath('private', '/docs/meeting-notes.md')).toBe('/private/docs/meeting-notes.md')
    expect(labErrorOf(() => parseVirtualPath('/secret/x')).code).toBe('BAD_PATH')
    expect(labErrorOf(() => parseVirtualPath('/shared')).code).toBe('BAD_PATH')
    expect(labErrorOf(() => parseVirtualPath('/shared/../private/x')).code).toBe('BAD_PATH')
    expect(labErrorOf(() => virtualPath('secret' as never, '/x')).code).toBe('INVALID_ARG')
  })

  it('takes directory prefixes that end with a slash', () => {
    expect(normalizeDir('/')).toBe('/')
    expect(normalizeDir('/website/')).toBe('/website/')
    expect(labErrorOf(() => normalizeDir('/website')).code).toBe('BAD_PATH')
    expect(labErrorOf(() => normalizeDir('/a/../')).code).toBe('BAD_PATH')
  })
})
