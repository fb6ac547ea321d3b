/**
 * dmonad/crdt-benchmarks' "B3: many conflicts" cases, named as that suite names them, for any
 * `B3CrdtFactory`. Definitions used (the suite's js-lib/b3.js): N = 6000, so 20·⌊√N⌋ = 1540
 * clients; client i changes its own replica (B3.1-B3.3: sets key `v` of its map to the case's
 * value; B3.4: inserts `String(i)` at index 0 of its array), every client's update is collected;
 * client 0 applies them all (the reference state). The suite's Yjs adapter uses the V2 encoding;
 * rawYjs/b3Crdt.ts does too. Figures (`B3_METRIC_NOTES`), against the suite's:
 *
 * - cpuMs: applying every update to a fresh replica in one transaction. The suite's `time` applies
 *   them to client 1's replica and then compares two replicas' maps; the comparison is done here
 *   once, untimed.
 * - updateBytes: the updates' total size (the suite's `updateSize`).
 * - docBytes: client 0's encoded state (the suite's `docSize`).
 * - loadMs: loading that state into a fresh replica. This is not the suite's `parseTime`, which
 *   times, around the load, a forced GC and a heap reading before and after (its `memUsed` probe)
 *   and a comparison of two replicas: under `--expose-gc` two full collections of whatever the
 *   process holds (the suite keeps all 1540 replicas alive), a figure of the process's heap more
 *   than of the load. The row's note says which it is.
 *
 * ClientIDs: the suite's replicas are `new Y.Doc()`s, whose clientIDs Yjs draws uniformly from
 * the 32-bit range; ours are drawn the same way from a seeded `Rng` (`b3ClientIds`), so every run
 * merges the same conflicts. The order matters to Yjs: concurrent inserts at one position are
 * ordered by clientID, and updates that arrive in ascending clientID order are its worst case
 * (each new item is integrated past every earlier one). The `(ascending clientIDs)` rows keep
 * that order (ids 1..1540), raw Yjs only, as the worst case beside the suite's.
 */
import { Rng } from '../src/engine/base/providers.ts'
import type { BenchMetric } from '../src/report/inputs.ts'
import type { B3Crdt, B3CrdtFactory, B3Shape } from './b3Crdt.ts'
import { rowKey, type Measure, type RowDef, type TimedTask } from './harness.ts'

/** The suite's N. */
export const B3_N = 6000
/** N of a `--quick` run (760 clients; the rows' notes say so): conflicts cost Yjs O(clients²). */
export const B3_QUICK_N = 1500
/** N for a run. */
export const b3N = (quick: boolean): number => (quick ? B3_QUICK_N : B3_N)
/** Number of concurrent clients: 20·⌊√N⌋. */
export const b3Clients = (n: number): number => 20 * Math.floor(Math.sqrt(n))

export interface B3Case {
  name: string
  shape: B3Shape
  /** Client i's change to its own replica. */
  change: (crdt: B3Crdt, i: number, clients: number) => void
  /** What replicas must agree on. */
  read: (crdt: B3Crdt) => unknown
}

const setMap =
  (value: (i: number, clients: number) => unknown) =>
  (crdt: B3Crdt, i: number, clients: number): void =>
    crdt.setMap('v', value(i, clients))
const readMap = (crdt: B3Crdt): unknown => crdt.getMap()

export const B3_CASES: readonly B3Case[] = [
  {
    name: '[B3.1] 20√N clients concurrently set number in Map',
    shape: 'map',
    change: setMap((i) => i),
    read: readMap,
  },
  {
    name: '[B3.2] 20√N clients concurrently set Object in Map',
    shape: 'map',
    change: setMap((i) => ({ name: String(i), address: 'here' })),
    read: readMap,
  },
  {
    name: '[B3.3] 20√N clients concurrently set String in Map',
    shape: 'map',
    change: setMap((i, clients) => String(i).repeat(clients)),
    read: readMap,
  },
  {
    name: '[B3.4] 20√N clients concurrently insert text in Array',
    shape: 'array',
    change: (crdt, i) => crdt.insertArray(0, [String(i)]),
    read: (crdt) => crdt.getArray(),
  },
]

/** How the clients' ids are drawn: as the suite draws them, or Yjs's worst order. */
export type B3Order = 'random' | 'ascending'

/** Row name of a case under an order (the suite's own name for its random ids). */
export const b3RowName = (c: B3Case, order: B3Order): string =>
  order === 'random' ? c.name : `${c.name} (ascending clientIDs)`

/**
 * The writers' clientIDs, then the merging replica's and the loading replica's: distinct, never
 * 0. Random ones are uniform 32-bit values from a seeded `Rng`, as Yjs draws a new document's.
 */
export function b3ClientIds(clients: number, order: B3Order): number[] {
  if (order === 'ascending') return Array.from({ length: clients + 2 }, (_, i) => i + 1)
  const rng = new Rng('bench:b3:clientIDs')
  const ids = new Set<number>()
  while (ids.size < clients + 2) {
    const id = rng.uint32()
    if (id !== 0) ids.add(id)
  }
  return [...ids]
}

export interface B3Prepared {
  updates: Uint8Array[]
  state: Uint8Array
  reference: unknown
  clients: number
  /** ClientIDs as `b3ClientIds` gives them. */
  ids: readonly number[]
}

/** Runs a case's concurrent writes and the reference merge; the input of every figure. */
export function prepareB3(factory: B3CrdtFactory, c: B3Case, n = B3_N, order: B3Order = 'random'): B3Prepared {
  const clients = b3Clients(n)
  const ids = b3ClientIds(clients, order)
  const updates: Uint8Array[] = []
  const docs: B3Crdt[] = []
  // Only the clients' own writes are collected (the suite's mutex does the same): client 0's
  // merge below would otherwise report its merged update too.
  let collecting = true
  for (let i = 0; i < clients; i++) docs.push(factory.create(ids[i]!, (u) => collecting && updates.push(u), c.shape))
  docs.forEach((d, i) => c.change(d, i, clients))
  collecting = false
  if (updates.length < clients)
    throw new Error(`${factory.name}: ${c.name} produced ${updates.length} updates for ${clients} clients`)
  docs[0]!.applyUpdates(updates)
  return { updates, state: docs[0]!.encodeState(), reference: c.read(docs[0]!), clients, ids }
}

/** The timed merge's state: the prepared case and the fresh replica of the next sample. */
interface MergeState {
  readonly prepared: B3Prepared
  target: B3Crdt
}

/** Applies every update to a fresh replica and checks it agrees with the reference. */
function mergeTask(factory: B3CrdtFactory, c: B3Case, get: () => B3Prepared): TimedTask<MergeState> {
  const fresh = (p: B3Prepared): B3Crdt => factory.create(p.ids[p.clients]!, () => {}, c.shape)
  return {
    kind: 'timed',
    setup: () => {
      const p = get()
      const check = fresh(p)
      check.applyUpdates(p.updates)
      if (JSON.stringify(c.read(check)) !== JSON.stringify(p.reference))
        throw new Error(`${factory.name}: replicas disagree after merging`)
      return { prepared: p, target: check }
    },
    beforeEach: (s) => {
      s.target = fresh(s.prepared)
    },
    fn: (s) => s.target.applyUpdates(s.prepared.updates),
    // A merge takes 0.1-1 s: 16 samples give a steady median; the time budget's 64 would take minutes.
    samples: 16,
  }
}

function loadTask(factory: B3CrdtFactory, take: () => B3Prepared): TimedTask<B3Prepared> {
  return { kind: 'timed', setup: take, fn: (p) => factory.load(p.ids[p.clients + 1]!, p.state) }
}

const B3_METRICS = [
  ['cpuMs', 'ms'],
  ['updateBytes', 'B'],
  ['docBytes', 'B'],
  ['loadMs', 'ms'],
] as const satisfies readonly (readonly [BenchMetric, string])[]

/** What each figure is, beside the suite's own (see the header). */
export const B3_METRIC_NOTES: Readonly<Record<(typeof B3_METRICS)[number][0], string>> = {
  cpuMs: "merge: every update applied to a fresh replica in one transaction (the suite's time, without its check)",
  updateBytes: "the clients' updates, summed (the suite's updateSize)",
  docBytes: "client 0's encoded state after the merge (the suite's docSize)",
  loadMs:
    "load: client 0's encoded state applied to a fresh replica; not the suite's parseTime, " +
    'which also times two forced GCs and a check',
}

type B3Measures = Record<(typeof B3_METRICS)[number][0], Measure>

/**
 * The B3 rows (table `engine`, no claim in the spec) with `factory` measuring the raw Yjs column:
 * each case with the suite's random clientIDs, then with ascending ones (raw Yjs only). An engine
 * profile's factory fills the first through `b3ProfileMeasures` and `plugProfile`.
 */
export function b3Rows(factory: B3CrdtFactory, n = B3_N): RowDef[] {
  const orders: readonly B3Order[] = ['random', 'ascending']
  return orders.flatMap((order) =>
    B3_CASES.flatMap((c) => {
      const m = b3Measures(factory, c, n, order)
      const ids =
        order === 'random'
          ? 'seeded random clientIDs, as in dmonad/crdt-benchmarks'
          : "clientIDs 1..N in ascending order, Yjs's worst insertion order (raw Yjs only)"
      const note = `${b3Clients(n)} clients (N = ${n}), V2 updates, ${ids}`
      return B3_METRICS.map(
        ([metric, unit]): RowDef => ({
          table: 'engine',
          row: b3RowName(c, order),
          metric,
          unit,
          claimed: null,
          note: `${B3_METRIC_NOTES[metric]}; ${note}`,
          measure: { rawYjs: m[metric] },
        }),
      )
    }),
  )
}

/** An engine profile's B3 measures (the suite's random clientIDs), keyed by row key, ready for `plugProfile`. */
export function b3ProfileMeasures(factory: B3CrdtFactory, n = B3_N): Record<string, Measure> {
  const out: Record<string, Measure> = {}
  for (const c of B3_CASES) {
    const m = b3Measures(factory, c, n)
    for (const [metric] of B3_METRICS) out[rowKey({ table: 'engine', row: c.name, metric })] = m[metric]
  }
  return out
}

/**
 * The four measures of one case for one factory, prepared lazily, once. The load, the rows' last
 * measure, takes the preparation out of the memo: the rows of every case and order live until the
 * suite ends, and the prepared updates of B3.3 alone are 8 MB (a measure run again prepares again).
 */
export function b3Measures(factory: B3CrdtFactory, c: B3Case, n = B3_N, order: B3Order = 'random'): B3Measures {
  let prepared: B3Prepared | undefined
  const get = (): B3Prepared => (prepared ??= prepareB3(factory, c, n, order))
  const take = (): B3Prepared => {
    const p = get()
    prepared = undefined
    return p
  }
  return {
    cpuMs: mergeTask(factory, c, get),
    updateBytes: () => get().updates.reduce((s, u) => s + u.byteLength, 0),
    docBytes: () => get().state.byteLength,
    loadMs: loadTask(factory, take),
  }
}
