/**
 * What a document's signed log says of the version of the structs a replica holds (reference
 * profile; authorship/entryVersions.ts builds it): acknowledgements carry a digest of it and count
 * only where the reader's log gives the same (reference/watermarks.ts). The replica that signs puts
 * it on each document it opens (`ext`); a document without it is read by ids alone (the spec).
 */
import type { ManagedDoc } from './documentManager.ts'

export interface EntryVersions {
  /** A digest of what this replica holds below each clock of `covers` (client key -> clock), if its log has it. */
  digest(covers: Readonly<Record<string, number>>): string | undefined
  /**
   * `covers` with each clock lowered to the highest this replica's log vouches for (the end of an
   * entry it holds with every entry before it); clients it vouches nothing for are left out. The
   * document may hold more: an entry is integrated before the log records it.
   */
  vouched(covers: Readonly<Record<string, number>>): Record<string, number>
  /** Changes whenever an answer of `holds` may change (the log took an entry): for caches of reads. */
  stamp(): number
  /** Whether this replica holds the version `digest` names below the clocks of `covers`. */
  holds(covers: Readonly<Record<string, number>>, digest: string): boolean
}

/** The `ext` key it is kept under. */
export const ENTRY_VERSIONS_EXT = 'entry-versions'

export const entryVersionsOf = (md: ManagedDoc): EntryVersions | undefined =>
  md.ext.get(ENTRY_VERSIONS_EXT) as EntryVersions | undefined

export function setEntryVersions(md: ManagedDoc, v: EntryVersions): void {
  md.ext.set(ENTRY_VERSIONS_EXT, v)
}
