/**
 * The ledger of records a replica's layout ignores. A record read from remote data that does not
 * have the shape its place calls for (a creation without its fields, a stamp that is not a
 * finite non-negative safe integer, ...) is ignored by every read, so every replica that holds it
 * ignores it the same way and they still converge. Each such record is noted once per document
 * (by the Yjs id of the struct holding it), so a replica can count what it ignored, by kind.
 */
import type { StructId } from '../base/yjsInternals.ts'
import type { ManagedDoc } from './documentManager.ts'

/** What kind of record was ignored: the layout's name for the place it stood in. */
export type IgnoredRecordKind =
  | 'creation'
  | 'slot'
  | 'deletion'
  | 'ack'
  | 'revival'
  | 'item'
  | 'registration'
  | 'membership-op'
  | 'member-ack'
  | 'fence'
  | 'element'

const KEY = 'ignoredRecords'

const ledgerOf = (md: ManagedDoc): Map<string, IgnoredRecordKind> => {
  let l = md.ext.get(KEY) as Map<string, IgnoredRecordKind> | undefined
  if (!l) {
    l = new Map()
    md.ext.set(KEY, l)
  }
  return l
}

/** Notes that the record held by struct `id` of `md` was ignored as a malformed `kind`. */
export function noteIgnored(md: ManagedDoc, id: StructId | undefined, kind: IgnoredRecordKind): void {
  ledgerOf(md).set(id ? `${id.client}.${id.clock}` : `?${kind}`, kind)
}

/** How many records of each kind `md`'s reads ignored so far. */
export function ignoredIn(md: ManagedDoc): Partial<Record<IgnoredRecordKind, number>> {
  const out: Partial<Record<IgnoredRecordKind, number>> = {}
  for (const kind of ledgerOf(md).values()) out[kind] = (out[kind] ?? 0) + 1
  return out
}
