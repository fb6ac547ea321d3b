/**
 * The kanban and issues documents of the memory, scalability and full-sync rows, at tiny sizes:
 * what the engine builds through both profiles reads back as the workload wrote it. No timings.
 */
import { describe, expect, it } from 'vitest'
import { builtDoc, ENGINE_DOCS, seedOf } from '../../bench/engine/catalog.ts'
import { engineFullSyncBytes, quickFullSync } from '../../bench/engine/fullSync.ts'
import { loadReplica } from '../../bench/engine/memory.ts'
import { ENGINE_GROWERS } from '../../bench/engine/scalability.ts'
import { storeHolding } from '../../bench/engine/world.ts'
import { KANBAN_COLUMNS, Workload } from '../../bench/workloads.ts'
import { PROFILE_NAMES } from '../../src/engine/base/enums.ts'

const CARDS = 7
const ISSUES = 4

describe.each(PROFILE_NAMES)('kanban and issues documents through the engine (%s)', (profile) => {
  it('builds a board whose cards read back in their workload columns', () => {
    const b = builtDoc(profile, 'kanban', CARDS)
    expect(b.items).toHaveLength(CARDS)
    const w = new Workload(seedOf('kanban'))
    const cards = Array.from({ length: CARDS }, () => w.card(KANBAN_COLUMNS))
    const replica = loadReplica(profile, 'kanban', b.entityId, storeHolding(b.snapshot), b.items)
    const board = replica.query('kanban.board', b.entityId) as Record<string, string[]>
    expect(Object.keys(board).sort()).toEqual([...KANBAN_COLUMNS].sort())
    for (const column of KANBAN_COLUMNS) {
      expect([...board[column]!].sort()).toEqual(
        cards
          .filter((c) => c.column === column)
          .map((c) => c.title)
          .sort(),
      )
    }
  })

  it('builds issues that read back with their fields and comments', () => {
    const b = builtDoc(profile, 'issues', ISSUES)
    expect(b.items).toHaveLength(ISSUES)
    const w = new Workload(seedOf('issues'))
    const issues = Array.from({ length: ISSUES }, () => w.issue())
    const replica = loadReplica(profile, 'issues', b.entityId, storeHolding(b.snapshot), b.items)
    b.items.forEach((id, n) => {
      const got = replica.query('issues.get', b.entityId, { issue: id }) as {
        title: string
        assignee_id: string
        reporter_id: string
        comments: unknown[]
      }
      const want = issues[n]!
      expect([got.title, got.assignee_id, got.reporter_id, got.comments.length]).toEqual([
        want.title,
        want.assignee,
        want.reporter,
        want.comments.length,
      ])
    })
  })

  it('reads the whole document through the catalogue entry without failing', () => {
    for (const kind of ['kanban', 'issues'] as const) {
      const b = builtDoc(profile, kind, 3)
      const replica = loadReplica(profile, kind, b.entityId, storeHolding(b.snapshot), b.items)
      expect(() => ENGINE_DOCS[kind].read(replica, b.entityId, b.items)).not.toThrow()
    }
  })

  it('grows a board and issues item by item', () => {
    for (const kind of ['kanban', 'issues'] as const) {
      const g = ENGINE_GROWERS[kind](profile)
      const sizes: number[] = []
      for (let n = 0; n < 3; n++) {
        g.add()
        sizes.push(g.size())
      }
      expect(sizes[1]).toBeGreaterThan(sizes[0]!)
      expect(sizes[2]).toBeGreaterThan(sizes[1]!)
    }
  })

  it('syncs an entity holding a board and issues: more bytes than without them', () => {
    const bare = engineFullSyncBytes(profile, { messages: 10, members: 25, cards: 0, issues: 0 })
    const full = engineFullSyncBytes(profile, { messages: 10, members: 25, cards: 4, issues: 4 })
    expect(full).toBeGreaterThan(bare)
  })

  it("extrapolates quick mode's full sync from a smaller board and issues", () => {
    const size = { messages: 10, members: 25, cards: 8, issues: 8 }
    const q = quickFullSync(profile, size, 4, 1)
    expect(q.bytes()).toBeGreaterThan(engineFullSyncBytes(profile, { ...size, cards: 2, issues: 2 }))
    expect(q.ms()).toBeGreaterThan(0)
  })
})
