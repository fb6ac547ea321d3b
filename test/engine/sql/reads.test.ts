/** Unified reads (the spec's get_messages): modes, chronological merge, limit and paging, no duplicates. */
import { describe, expect, it } from 'vitest'
import { getMessages, materializeNow, movableItems, readableItems } from '../../../src/engine/fallback/api.ts'
import type { FallbackMode } from '../../../src/engine/fallback/reads.ts'
import type { Cursor } from '../../../src/engine/sql/archive.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { DAY, G, advance, chatNet, sendMany } from './fixture.ts'
import type { ProfileName } from '../../../src/engine/base/enums.ts'

/** Alice alone, 60 messages of which the 40 oldest are archived. */
function hybrid(profile: ProfileName = 'reference') {
  const net = chatNet(profile, () => ({ archiveAfterDays: 1 }), ['alice'])
  const old = sendMany(net, 40)
  advance(net, 2 * DAY)
  expect(materializeNow(net.r('alice'), G)).toHaveLength(40)
  const recent = sendMany(net, 20, { tag: 'new' })
  return { net, e: net.r('alice').entity(G), all: [...old, ...recent] }
}

/** Every page from newest to oldest, concatenated oldest first. */
function pageThrough(e: ReturnType<typeof hybrid>['e'], limit: number, mode?: FallbackMode): string[] {
  const pages: string[][] = []
  let before: Cursor | undefined
  for (let i = 0; i < 100; i++) {
    const page = getMessages(e, { limit, ...(before ? { before } : {}), ...(mode ? { mode } : {}) })
    pages.unshift(page.messages.map((m) => m.content))
    if (!page.next) return pages.flat()
    before = page.next
  }
  throw new Error('paging did not end')
}

describe.each(['reference', 'spec'] as const)('unified reads (%s)', (profile) => {
  it('hybrid: the newest page is the newest messages overall, and paging walks across both sides in order', () => {
    const { e, all } = hybrid(profile)
    const page = getMessages(e, { limit: 30 })
    expect(page.mode).toBe('hybrid')
    expect(page.messages.map((m) => m.content)).toEqual(all.slice(-30))
    for (const limit of [1, 7, 20, 60, 500]) expect(pageThrough(e, limit)).toEqual(all)
  })

  it('modes: crdt reads the document only, sql the archive only', () => {
    const { e, all } = hybrid(profile)
    expect(pageThrough(e, 9, 'crdt')).toEqual(all.slice(40))
    expect(pageThrough(e, 9, 'sql')).toEqual(all.slice(0, 40))
    expect(readableItems({ entity: () => e }, G).map((i) => i.source)).toEqual([
      ...Array(40).fill('sql'),
      ...Array(20).fill('crdt'),
    ])
  })
})

describe('unified reads', () => {
  it('a message both in the CRDT and in SQL (a crash between the two steps) is read once, from the CRDT', () => {
    const net = chatNet('reference', () => ({ archiveAfterDays: 1 }), ['alice'])
    const all = sendMany(net, 30)
    advance(net, 2 * DAY)
    const r = net.r('alice')
    r.fallback.failpoint.armed = 'sql'
    expect(() =>
      materializeNow(
        r,
        G,
        'chat',
        movableItems(r, G)
          .slice(0, 20)
          .map((i) => i.id),
      ),
    ).toThrow(/simulated crash/)
    const e = r.entity(G)
    expect(r.fallback.archive.count('message', G)).toBe(20)
    for (const limit of [3, 10, 30]) expect(pageThrough(e, limit, 'hybrid')).toEqual(all)
    expect(readableItems(r, G).every((i) => i.source === 'crdt')).toBe(true)
  })

  it('rejects a limit that is not a whole number from 1 to 10000', () => {
    const { e } = hybrid()
    for (const limit of [0, -1, 1.5, 10_001, Number.NaN])
      expect(labErrorOf(() => getMessages(e, { limit })).code).toBe('INVALID_ARG')
  })
})
