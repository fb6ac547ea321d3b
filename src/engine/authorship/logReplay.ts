/**
 * A document as its signed log makes it, with the history a read of a removed item needs
 * (fallback/archiveReread.ts): garbage collection off, so removed items keep their content, and
 * each entry's deletions, so the removal of one item can be told from the other deletions.
 *
 * The log holds every entry the replica integrated, for the life of the document (README.md,
 * "Signed log"), so it still holds what the document dropped: items moved to SQL, pruned
 * tombstones, reclaimed entries.
 */
import * as Y from 'yjs'
import type { SignedLog } from './signedLog.ts'
import { gcPlaceholder } from './placeholder.ts'
import { deletionsOf, type DeleteRanges } from './deleteRanges.ts'

export interface LogReplay {
  /** The document (gc off): every entry neither evidence nor burned, and a GC struct over each burned range. */
  readonly doc: Y.Doc
  /** The deletions of each entry replayed that deletes anything (read on first use). */
  readonly deletions: readonly DeleteRanges[]
}

/** Replays `log` into a fresh document (`gc`: whether Yjs may drop removed content). */
export function replayLog(log: SignedLog, gc: boolean): Y.Doc {
  const doc = new Y.Doc({ gc })
  Y.transact(doc, () => {
    for (const e of log.entries()) if (!e.evidence && !log.isBurned(e)) Y.applyUpdate(doc, e.signed.update)
    for (const [client, from] of log.burned) {
      const to = Math.max(log.endOf(client), from)
      if (to > from) Y.applyUpdate(doc, gcPlaceholder(client, from, to))
    }
  })
  return doc
}

/** The log's replay with its entries' deletions (see the file comment). */
export function logReplay(log: SignedLog): LogReplay {
  const doc = replayLog(log, false)
  let deletions: DeleteRanges[] | undefined
  return {
    doc,
    get deletions() {
      deletions ??= log
        .entries()
        .filter((e) => !e.evidence && !log.isBurned(e))
        .map((e) => deletionsOf(e.signed.update))
        .filter((d) => d.size > 0)
      return deletions
    },
  }
}
