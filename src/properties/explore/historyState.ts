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
import { canonicalJson, type JsonValue } from '../../sim/canonicalJson.ts'

/** How the fingerprint treats each field of `History`. */
export const HISTORY_FIELDS: Readonly<Record<string, 'ordered' | 'set' | 'counts' | 'derived' | 'transient'>> = {
  ops: 'ordered',
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
  /** Keyed by message id: explore keeps, for every message still waiting, whether a copy arrived. */
  delivered: 'derived',
  repeatBefore: 'transient',
  /** The world's offline flags. */
  offline: 'derived',
  /** The items of `prunes`. */
  pruned: 'derived',
  gone: 'set',
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

/** The history as canonical text (hashed by the caller). */
export function historyState(h: History): string {
  const out: Record<string, JsonValue> = {}
  for (const [name, kind] of Object.entries(HISTORY_FIELDS)) {
    if (kind === 'derived' || kind === 'transient') continue
    const value = (h as unknown as Record<string, unknown>)[name]
    if (name === 'internal') out[name] = [...(value as string[])].sort()
    else if (name === 'gone' || kind === 'counts') out[name] = plain(value)
    else out[name] = perPeer(value as { peer: string }[], kind === 'set' ? 'set' : 'ordered')
  }
  return canonicalJson(out)
}
