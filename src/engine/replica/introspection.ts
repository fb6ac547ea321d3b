/** What a replica shows of its own state beyond queries: for the oracle, the simulator and tests. */
import type { DocumentManager } from '../docs/documentManager.ts'
import type { DocId } from '../base/ids.ts'
import { collectionsOf } from '../concerns/collections.ts'
import type { OpEntity } from '../ops/types.ts'
import { ignoredIn, type IgnoredRecordKind } from '../docs/ignoredRecords.ts'
import type { ReceiveStats } from './receiveStats.ts'

/** A replica's receive counters, with the malformed records its reads ignored, per kind. */
export type ReceiveReport = ReceiveStats & { readonly ignoredRecords: Partial<Record<IgnoredRecordKind, number>> }

/** A copy of `stats` with the ignored records of every loaded document summed by kind. */
export function receiveReport(stats: ReceiveStats, docs: DocumentManager): ReceiveReport {
  const ignored: Partial<Record<IgnoredRecordKind, number>> = {}
  for (const md of docs.loaded())
    for (const [k, n] of Object.entries(ignoredIn(md)) as [IgnoredRecordKind, number][])
      ignored[k] = (ignored[k] ?? 0) + n
  return { ...stats, rejected: { ...stats.rejected }, ignoredRecords: ignored }
}

/** Tombstones a replica still holds in an entity (deleted items and removed members not yet pruned). */
export function heldTombstones(e: OpEntity, docs: DocumentManager): { docId: DocId; item: string }[] {
  const records = e.profile.records
  const out: { docId: DocId; item: string }[] = []
  for (const docId of docs.list(e.entityId)) {
    const md = docs.get(docId)
    const rctx = { md, authority: e.view().authority }
    for (const c of collectionsOf(e.profile, md)) {
      for (const item of records.keys(c.coll))
        if (records.read(rctx, c.coll, item, c.names)?.deleted) out.push({ docId, item })
    }
  }
  for (const t of e.view().tombstones) out.push({ docId: `${e.entityId}:core`, item: t.member })
  return out
}
