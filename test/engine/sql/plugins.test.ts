/**
 * Archived cards and closed issues: tombstone-equivalents in the spec, so they go to SQL when the
 * tombstone machinery prunes them, and a replica archives its copy before applying a peer's prune.
 * The reference does so whatever the size; the spec only past the threshold, and below it the
 * pruned item is gone.
 */
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../../src/sim/smallWorld.ts'
import type { EngineConfig } from '../../../src/engine/replica/replica.ts'
import { fallbackStatus, readableItems } from '../../../src/engine/fallback/api.ts'
import { labErrorOf } from '../labErrorOf.ts'
import type { ProfileName } from '../../../src/engine/base/enums.ts'

const P = 'project:board'
const PEERS = ['alice', 'bob', 'carol']

function project(profile: ProfileName, config?: EngineConfig): SmallWorld {
  const net = new SmallWorld({ profile, config })
  for (const n of PEERS) net.add(n)
  net.r('alice').createEntity(P, { members: { bob: 'member', carol: 'member' } })
  net.replicateEntity('alice', P)
  return net
}

/** Creates a card and an issue, archives / closes both, and syncs until they are pruned. */
function archiveBoth(net: SmallWorld): { card: string; issue: string } {
  const alice = net.r('alice')
  const column = alice.execute('kanban.addColumn', P, { title: 'Done' }).createdId!
  const card = alice.execute('kanban.addCard', P, { column, title: 'ship it', priority: 'high' }).createdId!
  const issue = net.r('bob').execute('issues.create', P, { title: 'crash on load' }).createdId!
  net.settle()
  net.r('carol').execute('issues.comment', P, { issue, content: 'seen it too' })
  net.settle()
  alice.execute('kanban.archiveCard', P, { card })
  net.r('bob').execute('issues.close', P, { issue })
  net.settle()
  net.antiEntropy(P)
  for (const n of PEERS) {
    expect(Object.keys(net.r(n).docJSON(`${P}:kanban`).cards as object)).not.toContain(card)
    expect(Object.keys(net.r(n).docJSON(`${P}:issues`).issues as object)).not.toContain(issue)
  }
  return { card, issue }
}

describe('archived cards and closed issues', () => {
  it('reference: every replica archives them before they are pruned, and reads them back', () => {
    const net = project('reference')
    const { card, issue } = archiveBoth(net)
    for (const n of PEERS) {
      expect(readableItems(net.r(n), P, 'kanban')).toMatchObject([
        { id: card, source: 'sql', fields: { title: 'ship it', archived: true, priority: 'high' } },
      ])
      const closed = net.r(n).query('issues.get', P, { issue })
      expect(closed).toMatchObject({
        id: issue,
        title: 'crash on load',
        closed: true,
        comments: [{ content: 'seen it too' }],
      })
      expect(fallbackStatus(net.r(n), P, 'issues')).toMatchObject({ mode: 'hybrid', archived: 1 })
    }
    // the board shows live cards only, as before
    expect(net.r('bob').query('kanban.board', P)).toEqual({ Done: [] })
  })

  it('spec, past the threshold: the pruner archives them; replicas that received the prune lose them', () => {
    const net = project('spec', { thresholds: { kanban: 1, issues: 1 } })
    const { card, issue } = archiveBoth(net)
    const holders = PEERS.filter((n) => net.r(n).fallback.archive.has('card', card))
    expect(holders.length).toBeGreaterThan(0)
    for (const n of PEERS) {
      if (net.r(n).fallback.archive.has('issue', issue))
        expect(net.r(n).query('issues.get', P, { issue })).toMatchObject({ closed: true })
      else expect(labErrorOf(() => net.r(n).query('issues.get', P, { issue })).code).toBe('NOT_FOUND')
    }
  })

  it('spec, under the threshold: tombstone pruning deletes them for good', () => {
    const net = project('spec')
    const { card, issue } = archiveBoth(net)
    for (const n of PEERS) {
      expect(net.r(n).fallback.archive.has('card', card)).toBe(false)
      expect(labErrorOf(() => net.r(n).query('issues.get', P, { issue })).code).toBe('NOT_FOUND')
    }
  })
})
