/**
 * Archived cards and closed issues plug into the fallback through its concern registry: they
 * are tombstone-equivalents, so they go to SQL when the tombstone machinery prunes them, and a
 * replica archives its copy before applying a peer's prune. The kanban and issues ops land
 * separately; here the records are written through the profile's record strategy directly.
 */
import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { TestNet } from '../harness.ts'
import { PROFILE_NAMES } from '../../../src/engine/profile.ts'
import { readableItems } from '../../../src/engine/fallback/api.ts'
import type { Concern } from '../../../src/engine/ids.ts'

const P = 'project:board'

const CASES = [
  { concern: 'kanban', root: 'cards', names: { flag: 'archived', at: 'archived_at' }, kind: 'card', fields: { title: 'ship it', column_id: 'done', priority: 'high' } },
  { concern: 'issues', root: 'issues', names: { flag: 'closed', at: 'closed_at' }, kind: 'issue', fields: { title: 'crash on load', status: 'done', priority: 'urgent' } },
] as const

function project(profile: (typeof PROFILE_NAMES)[number]) {
  const net = new TestNet(profile)
  net.add('alice')
  net.add('bob')
  net.r('alice').createEntity(P, { members: { bob: 'member' } })
  net.replicateEntity('alice', P)
  return net
}

describe.each(PROFILE_NAMES)('archived cards and closed issues (%s)', (profile) => {
  it.each(CASES)('$concern: a tombstoned item goes to SQL before its prune, on the pruner and on a peer', (c) => {
    const net = project(profile)
    const alice = net.r('alice')
    const e = alice.entity(P)
    const md = e.doc(c.concern as Concern)
    const coll = md.doc.getMap<unknown>(c.root)
    e.write(c.concern as Concern, (ctx) => e.profile.records.create(ctx, coll, 'x1', { id: 'x1', created_at: e.profile.time(e.now()), ...c.fields }))
    e.write(c.concern as Concern, (ctx) => e.profile.records.remove(ctx, coll, 'x1', c.names))
    net.settle()
    // the pruner: the fallback archives the tombstone before the prune removes it
    alice.fallback.beforePrune(e, md, [{ coll, id: 'x1' }])
    e.writeSystem(md, () => (coll as Y.Map<unknown>).delete('x1'))
    const bob = net.r('bob')
    const archivedOnBob = () => bob.fallback.archive.all(c.kind, P)
    expect(archivedOnBob()).toEqual([])
    net.settle()
    const expected = { id: 'x1', fields: { [c.names.flag]: true, ...c.fields } }
    // only the reference archives a peer's removal first; the spec's receiver drops it
    if (profile === 'reference') expect(archivedOnBob()).toMatchObject([{ ...expected, movedHow: 'received' }])
    else expect(archivedOnBob()).toEqual([])
    // the pruner archives it in the reference always, in the spec only past the threshold
    const onAlice = alice.fallback.archive.all(c.kind, P)
    if (profile === 'reference') {
      expect(onAlice).toMatchObject([{ ...expected, movedHow: 'materialized', deleted: false }])
      expect(readableItems(alice, P, c.concern as Concern).map((i) => i.id)).toEqual(['x1'])
    } else {
      expect(onAlice).toEqual([])
    }
  })
})
