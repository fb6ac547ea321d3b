/**
 * The oracle's record of a schedule, as the fingerprint keeps it: what the checks will read at the
 * end, and what decides what the oracle records next. Two schedules that reach the same replicas
 * but differ here (bob wrote before or after he saw his removal) are different states: the checks
 * may judge them differently.
 *
 * The record is kept per peer: how events at different peers interleave leaves no trace but the
 * causal contexts the ops carry. Records a peer collects as messages arrive (tombstones seen,
 * prunes, repeats) are kept as sets: the checks count and filter them, never read their order
 * (ops and crashes keep theirs). `HISTORY_FIELDS` classifies every field of `History`; a test
 * fails when it gains one this file does not know.
 */
import type { History } from '../oracle/history.ts'
import type { DocWatch } from '../oracle/docWatch.ts'
import { canonicalJson, type JsonValue } from '../../sim/canonicalJson.ts'

/** How the fingerprint treats each field of `History`. */
export const HISTORY_FIELDS: Readonly<
  Record<string, 'ordered' | 'set' | 'counts' | 'watch' | 'derived' | 'transient'>
> = {
  ops: 'ordered',
  /** The same ops as the oracle measured them on the documents. */
  observed: 'ordered',
  prunes: 'set',
  tombstones: 'set',
  crashes: 'ordered',
  repeats: 'set',
  reappeared: 'set',
  offlineOps: 'ordered',
  thresholds: 'set',
  moves: 'set',
  internal: 'set',
  /** Lies (explore refuses lie steps: empty), and counts of refused updates and reads (sums commute). */
  forgeries: 'set',
  refusals: 'counts',
  /** Content handed to a peer that may be no member: handouts, and those still in flight. */
  reads: 'set',
  /** Keyed by message id: explore keeps, for every message still waiting, whether a copy arrived. */
  delivered: 'derived',
  repeatBefore: 'transient',
  receiving: 'transient',
  /** The world's offline flags. */
  offline: 'derived',
  /** The scenario's entity declarations, and the world itself. */
  entities: 'derived',
  world: 'derived',
  /** The document watch: what it holds beyond the documents (`DocWatch.state`). */
  watchOf: 'watch',
  /** Kept only while an op runs, or between a crash's two notices. */
  before: 'transient',
  running: 'transient',
  crashed: 'transient',
}

/** Plain JSON of a record: maps and sets as sorted entries. */
function plain(v: unknown): JsonValue {
  if (v instanceof Map) return [...v.entries()].map(([k, x]) => [String(k), plain(x)] as JsonValue).sort(byText)
  if (v instanceof Set) return [...v].map(plain).sort(byText)
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex')
  if (Array.isArray(v)) return v.map(plain)
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, plain(x)]),
    )
  return v as JsonValue
}

const byText = (a: JsonValue, b: JsonValue): number => {
  const x = canonicalJson(a)
  const y = canonicalJson(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** Records grouped by the peer they are about; `set` sorts each group. */
function perPeer(records: readonly { readonly peer: string }[], kind: 'ordered' | 'set'): JsonValue {
  const groups = new Map<string, JsonValue[]>()
  for (const r of records) groups.set(r.peer, [...(groups.get(r.peer) ?? []), plain(r)])
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([peer, list]) => [peer, kind === 'set' ? list.sort(byText) : list])
}

/** Handouts as a set, with those in flight by what they hold (not their delivery ids); removals follow from ops. */
function readsState(d: History['reads']): JsonValue {
  const inFlight = [...(d as unknown as { suspect: Map<number, object> }).suspect.values()]
  return { handouts: plain(d.handouts as object[]) as JsonValue[], inFlight: plain(inFlight) } as JsonValue
}

/** The history as canonical text (hashed by the caller). */
export function historyState(h: History): string {
  const out: Record<string, JsonValue> = {}
  for (const [name, kind] of Object.entries(HISTORY_FIELDS)) {
    if (kind === 'derived' || kind === 'transient') continue
    const value = (h as unknown as Record<string, unknown>)[name]
    if (name === 'internal') out[name] = [...(value as string[])].sort()
    else if (name === 'reads') out[name] = readsState(value as History['reads'])
    else if (kind === 'watch') out[name] = plain((value as DocWatch | undefined)?.state() ?? null)
    else if (kind === 'counts') out[name] = plain(value)
    else out[name] = perPeer(value as { peer: string }[], kind === 'set' ? 'set' : 'ordered')
  }
  return canonicalJson(out)
}
