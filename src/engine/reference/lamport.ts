/**
 * Lamport clock per document (reference profile). Every stamp the reference writes is
 * `max(stamps integrated so far) + 1`, so a write that saw another always carries a greater stamp
 * (the spec's "LWW based on Lamport timestamp"). The clock follows what is integrated: after every
 * transaction the changed map entries are scanned for stamps, which costs O(changes).
 *
 * Stamps live in two shapes: slot values `[stamp, ...]` and creation records `{ s: stamp, ... }`.
 * Only stamps the records' guard accepts move the clock (non-negative safe integers): a remote
 * `Infinity` or `1e300` would freeze it, as every later stamp would equal it. The clock stops at
 * Number.MAX_SAFE_INTEGER rather than leave the safe integers (a member can still write that
 * stamp; stamps order writes, they cannot stop a member that may write from winning).
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import { isStamp } from './recordShapes.ts'

const KEY = 'lamport'

interface LamportState {
  max: number
}

const stateOf = (md: ManagedDoc): LamportState => {
  let s = md.ext.get(KEY) as LamportState | undefined
  if (!s) {
    s = { max: 0 }
    md.ext.set(KEY, s)
  }
  return s
}

/** The stamp a value carries, if it carries one. */
function stampOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return isStamp(value[0]) ? value[0] : undefined
  if (value !== null && typeof value === 'object' && !(value instanceof Y.AbstractType)) {
    const s = (value as { s?: unknown }).s
    return isStamp(s) ? s : undefined
  }
  return undefined
}

function bump(state: LamportState, value: unknown): void {
  if (value instanceof Y.Map) {
    for (const v of value.values()) bump(state, v)
    return
  }
  const s = stampOf(value)
  if (s !== undefined && s > state.max) state.max = s
}

/** Doc plugin: keeps the document's Lamport clock in step with everything integrated. */
export function lamportPlugin(md: ManagedDoc): void {
  const state = stateOf(md)
  md.doc.on('afterTransaction', (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      if (!(type instanceof Y.Map)) continue
      for (const key of keys) if (key !== null) bump(state, type.get(key))
    }
  })
}

/** Next stamp for a local write: one more than anything this replica has integrated. */
export function nextStamp(md: ManagedDoc): number {
  const state = stateOf(md)
  if (state.max < Number.MAX_SAFE_INTEGER) state.max += 1
  return state.max
}
