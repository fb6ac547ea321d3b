/**
 * One-off measurement of the spec's "kanban (500 cards) ~1MB, ~20ms" row, per profile: a board of
 * 8 columns and 500 cards added through the engine's ops, then the kanban document's encoded
 * size and its load time (applying the encoded state to a fresh Y.Doc: median of RUNS runs after
 * WARMUP untimed ones). The tinybench suite will supersede it; until then it is the command behind
 * the figures in the commit that added it.
 *
 * Run: npx tsx bench/kanban500.ts
 */
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { Replica } from '../src/engine/replica/replica.ts'
import { MemoryStore } from '../src/engine/store/memoryStore.ts'
import { ManualClock, seededProviders } from '../src/engine/base/providers.ts'
import { PROFILE_NAMES, type ProfileName } from '../src/engine/base/enums.ts'
import { median } from './harness.ts'

const P = 'project:bench'
const COLUMNS = 8
const CARDS = 500
const RUNS = 21
/** Untimed loads first, so the first profile measured does not pay for the JIT's warm-up. */
const WARMUP = 10

function build(profile: ProfileName): Replica {
  const clock = new ManualClock(Date.UTC(2026, 0, 1))
  const r = new Replica({
    member: 'alice',
    profile,
    store: new MemoryStore(clock),
    providers: seededProviders(1, 'alice', clock),
  })
  r.createEntity(P, { members: { bob: 'member', carol: 'member' } })
  const cols = Array.from(
    { length: COLUMNS },
    (_, i) => r.execute('kanban.addColumn', P, { title: `Column ${i + 1}` }).createdId!,
  )
  for (let i = 0; i < CARDS; i++) {
    clock.advance(1000)
    r.execute('kanban.addCard', P, {
      column: cols[i % COLUMNS]!,
      title: `Card ${i + 1}: a short task title`,
      priority: 'medium',
    })
  }
  return r
}

function measure(profile: ProfileName): Record<string, number | string> {
  const r = build(profile)
  const update = r.encodeState(`${P}:kanban`)
  const loads: number[] = []
  for (let i = 0; i < WARMUP; i++) Y.applyUpdate(new Y.Doc(), update)
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    Y.applyUpdate(new Y.Doc(), update)
    loads.push(performance.now() - t0)
  }
  const t0 = performance.now()
  r.query('kanban.board', P)
  const boardMs = performance.now() - t0
  return {
    profile,
    docBytes: update.byteLength,
    loadMsMedian: +median(loads).toFixed(2),
    boardQueryMs: +boardMs.toFixed(2),
  }
}

console.table(PROFILE_NAMES.map(measure))
