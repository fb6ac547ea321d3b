/**
 * dmonad/crdt-benchmarks' "B3: many conflicts" map cases, named as that suite names them, for any
 * `MapCrdtFactory`. Definitions used (the suite's js-lib/b3.js): N = 6000, so 20·⌊√N⌋ = 1540
 * clients; client i sets key `v` of its own map to the case's value, every client's update is
 * collected; client 0 applies them all (the reference state). Figures, as the suite's:
 * `time` (here cpuMs) = applying every update to a fresh replica in one transaction;
 * `updateSize` (updateBytes) = the updates' total size; `docSize` (docBytes) = client 0's encoded
 * state; `parseTime` (loadMs) = loading that state. The suite's Yjs adapter uses the V2 encoding;
 * rawYjs/mapCrdt.ts does too. Our clients have pinned ids 1..1540 where the suite's are random.
 */
import type { BenchMetric } from '../src/report/inputs.ts'
import { rowKey, type Measure, type RowDef, type TimedTask } from './harness.ts'
import type { MapCrdt, MapCrdtFactory } from './mapCrdt.ts'

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
  value: (i: number, clients: number) => unknown
}

export const B3_CASES: readonly B3Case[] = [
  { name: '[B3.1] 20√N clients concurrently set number in Map', value: (i) => i },
  { name: '[B3.2] 20√N clients concurrently set Object in Map', value: (i) => ({ name: String(i), address: 'here' }) },
  { name: '[B3.3] 20√N clients concurrently set String in Map', value: (i, clients) => String(i).repeat(clients) },
]

export interface B3Prepared {
  updates: Uint8Array[]
  state: Uint8Array
  reference: Record<string, unknown>
  clients: number
}

/** Runs a case's concurrent writes and the reference merge; the input of every figure. */
export function prepareB3(factory: MapCrdtFactory, c: B3Case, n = B3_N): B3Prepared {
  const clients = b3Clients(n)
  const updates: Uint8Array[] = []
  const docs: MapCrdt[] = []
  // Only the clients' own writes are collected (the suite's mutex does the same): client 0's
  // merge below would otherwise report its merged update too.
  let collecting = true
  for (let i = 0; i < clients; i++) docs.push(factory.create(i + 1, (u) => collecting && updates.push(u)))
  docs.forEach((d, i) => d.setMap('v', c.value(i, clients)))
  collecting = false
  if (updates.length < clients)
    throw new Error(`${factory.name}: ${c.name} produced ${updates.length} updates for ${clients} clients`)
  docs[0]!.applyUpdates(updates)
  return { updates, state: docs[0]!.encodeState(), reference: docs[0]!.getMap(), clients }
}

/** Applies every update to a fresh replica and checks it agrees with the reference. */
function mergeTask(factory: MapCrdtFactory, get: () => B3Prepared): TimedTask {
  let target: MapCrdt | undefined
  return {
    kind: 'timed',
    setup: () => {
      const p = get()
      const check = factory.create(p.clients + 1, () => {})
      check.applyUpdates(p.updates)
      if (JSON.stringify(check.getMap()) !== JSON.stringify(p.reference))
        throw new Error(`${factory.name}: replicas disagree after merging`)
    },
    beforeEach: () => {
      target = factory.create(get().clients + 1, () => {})
    },
    fn: () => target!.applyUpdates(get().updates),
    // A merge takes 0.1-1 s: 16 samples give a steady median; the time budget's 64 would take minutes.
    samples: 16,
  }
}

function loadTask(factory: MapCrdtFactory, get: () => B3Prepared): TimedTask {
  return { kind: 'timed', fn: () => factory.load(get().clients + 2, get().state) }
}

const B3_METRICS = [
  ['cpuMs', 'ms'],
  ['updateBytes', 'B'],
  ['docBytes', 'B'],
  ['loadMs', 'ms'],
] as const satisfies readonly (readonly [BenchMetric, string])[]

type B3Measures = Record<(typeof B3_METRICS)[number][0], Measure>

/**
 * The B3 rows (table `engine`, no claim in the spec) with `factory` measuring the raw Yjs column.
 * An engine profile's factory goes in through `b3ProfileMeasures` and `plugProfile`.
 */
export function b3Rows(factory: MapCrdtFactory, n = B3_N): RowDef[] {
  return B3_CASES.flatMap((c) => {
    const m = b3Measures(factory, c, n)
    const note = `${b3Clients(n)} clients (N = ${n}), V2 updates, as in dmonad/crdt-benchmarks`
    return B3_METRICS.map(
      ([metric, unit]): RowDef => ({
        table: 'engine',
        row: c.name,
        metric,
        unit,
        claimed: null,
        note,
        measure: { rawYjs: m[metric] },
      }),
    )
  })
}

/** An engine profile's B3 measures, keyed by row key, ready for `plugProfile`. */
export function b3ProfileMeasures(factory: MapCrdtFactory, n = B3_N): Record<string, Measure> {
  const out: Record<string, Measure> = {}
  for (const c of B3_CASES) {
    const m = b3Measures(factory, c, n)
    for (const [metric] of B3_METRICS) out[rowKey({ table: 'engine', row: c.name, metric })] = m[metric]
  }
  return out
}

/** The four measures of one case for one factory (prepared lazily, once). */
export function b3Measures(factory: MapCrdtFactory, c: B3Case, n = B3_N): B3Measures {
  let prepared: B3Prepared | undefined
  const get = (): B3Prepared => (prepared ??= prepareB3(factory, c, n))
  return {
    cpuMs: mergeTask(factory, get),
    updateBytes: () => get().updates.reduce((s, u) => s + u.byteLength, 0),
    docBytes: () => get().state.byteLength,
    loadMs: loadTask(factory, get),
  }
}
