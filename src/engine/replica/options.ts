/** What a replica is built from: its member, profile, store, providers and engine settings. */
import type * as Y from 'yjs'
import type { DocId, MemberId } from '../base/ids.ts'
import type { ProfileName } from '../base/enums.ts'
import type { Providers } from '../base/providers.ts'
import type { KeyRing } from '../disks/index.ts'
import type { FallbackConfig } from '../fallback/config.ts'
import type { Profile } from '../profile/profile.ts'
import type { DocStore } from '../store/store.ts'
import type { ReplicaHooks } from './hooks.ts'
import type { DocPlugin } from '../docs/documentManager.ts'
import type { SignatureScheme } from '../authorship/signatures.ts'

/** Engine settings; the SQL fallback's (`thresholds`, `archiveAfterDays`) mirror a scenario's `config`. */
export interface EngineConfig extends FallbackConfig {
  /** Largest incoming update accepted (bytes; sync/caps.ts has every cap and its default). */
  readonly maxUpdateBytes?: number
  /** Most entries of an incoming state vector (step1, digest). */
  readonly maxStateVectorEntries?: number
  /** Most structs pending in one document; over it they are dropped and the sender asked to resync. */
  readonly maxPendingStructs?: number
  /** Appends between compactions of a document. */
  readonly compactEvery?: number
  /** Size limit of canvas documents (bytes; default 5 MB, the spec's). */
  readonly canvasLimitBytes?: number
}

export interface ReplicaOptions {
  readonly member: MemberId
  /**
   * Keys of the encrypted disks (default: derived from `providers.keySeed` for the entities the
   * member is active in).
   */
  readonly keys?: KeyRing
  /** The profile to run: by name, or a profile object (a mutant's, from mutants/registry.ts `engineWith`). */
  readonly profile: ProfileName | Profile
  /** Seams a deliberately broken engine installs (mutants' `engineWith` gives them); none in production. */
  readonly hooks?: ReplicaHooks
  readonly store: DocStore
  readonly providers: Providers
  /**
   * The scheme members sign updates with (reference profile; default Ed25519, authorship/signatures.ts).
   * Every replica of a world must use the same one: a signature of one scheme does not verify in another.
   */
  readonly signatures?: SignatureScheme
  readonly config?: EngineConfig
  /**
   * Called with every Y.Doc the replica opens (a first load, a rebuild), before anything is loaded
   * into it: an observer (the oracle) reads the document's own events from then on. It must never
   * write to the document.
   */
  readonly onOpenDoc?: (docId: DocId, doc: Y.Doc) => void
}

/** The document plugin that tells `onOpenDoc` of every document the replica opens (none without one). */
export const openDocPlugins = (o: ReplicaOptions): DocPlugin[] =>
  o.onOpenDoc ? [(md) => o.onOpenDoc!(md.id, md.doc)] : []
