/**
 * What the SQL fallback's keeper needs of its replica (keeper.ts), and the seams a mutant may
 * install in it.
 */
import type { DocumentManager } from '../docs/documentManager.ts'
import type { DocId } from '../base/ids.ts'
import type { EventHub } from '../base/events.ts'
import type { ArchivedItem } from '../sql/kinds.ts'
import type { DocStore } from '../store/store.ts'
import type { LogReplay } from '../authorship/logReplay.ts'
import type { FallbackProfile } from './fallbackProfile.ts'
import type { ReadPage } from './reads.ts'

/** The rows a materialization writes to SQL, given the rows it would write (a mutant's seam). */
export type MaterializedRows = (rows: readonly ArchivedItem[]) => readonly ArchivedItem[]

/** What the keeper needs of its replica. */
export interface FallbackHost {
  readonly profile: FallbackProfile
  readonly store: DocStore
  readonly docs: DocumentManager
  readonly events: EventHub
  /** A mutant's hooks (replica/hooks.ts); the engine runs with none. */
  readonly hooks?: FallbackHooks
  /** The document as its signed log makes it (reference): archived rows are read again from it (archiveReread.ts). */
  readonly replay?: ((docId: DocId) => LogReplay) | undefined
}

/** The seams of the fallback a mutant may install (a slice of the replica's hooks). */
export interface FallbackHooks {
  readonly materializedRows?: MaterializedRows
  readonly readPage?: (page: ReadPage) => ReadPage
  readonly gaugeBytes?: (exact: number, since: number) => number
}
