/**
 * Seams of a replica where no profile strategy fits: what an incoming update brings, what is
 * saved, what coming back online does, and what follows a sync message. Only deliberately broken
 * engines (src/engine/mutants) install hooks; the production engine runs with none.
 */
import type { DocId, MemberId } from '../base/ids.ts'
import type { ArchivedItem } from '../sql/kinds.ts'
import type { Envelope } from '../sync/envelope.ts'
import type { StoredDoc } from '../store/store.ts'
import type { DocumentManagerOptions } from '../docs/documentManager.ts'
import type { ReadPage } from '../fallback/reads.ts'
import type { ReceiveHost, ReceiveResult } from './receive.ts'
import type { OpEntity } from '../ops/types.ts'
import type { EntityHost } from '../context/entityAccess.ts'

/** What a hook may do to a replica coming back online. */
export interface ReconnectActions {
  /** Reloads every loaded document from the store, dropping what is only in memory. */
  reloadFromStore(): void
  /** Drops the offline queue instead of sending it. */
  discardQueue(): void
}

/** What a hook sees of one update about to be saved. */
export interface SaveContext {
  /** Integrated from a peer (otherwise written by this replica). */
  readonly remote: boolean
  /** The replica is online (not cut off by an offline fault). */
  readonly online: boolean
}

export interface ReplicaHooks {
  /** The update the replica integrates in place of `update`, received for `docId`. */
  readonly incomingUpdate?: (docId: DocId, update: Uint8Array) => Uint8Array
  /** Whether an update is appended to the store (default: every one). */
  readonly saves?: (s: SaveContext) => boolean
  /** Runs when the replica comes back online, before its offline queue is sent. */
  readonly onReconnect?: (acts: ReconnectActions) => void
  /** Runs after a sync message was handled (and not rejected). */
  readonly afterReceive?: (m: HandledMessage) => void
  /** The rows a move to SQL (a materialization, a prune of archived items) writes, in place of `rows`. */
  readonly materializedRows?: (rows: readonly ArchivedItem[]) => readonly ArchivedItem[]
  /** What the replica sends in place of `env` (null: nothing). */
  readonly outgoing?: (env: Envelope) => Envelope | null
  /** What a document loads in place of what its store holds. */
  readonly loaded?: (docId: DocId, stored: StoredDoc) => StoredDoc
  /** The page a paged read returns in place of `page` (fallback/reads.ts). */
  readonly readPage?: (page: ReadPage) => ReadPage
  /** A size gauge's estimate from its last exact measurement and the bytes written since (fallback/sizeGauge.ts). */
  readonly gaugeBytes?: (exact: number, since: number) => number
  /** A lying replica (a Byzantine peer); read on every write and every published update. */
  readonly lie?: Lie
}

/**
 * A lying replica: while `lying`, it skips its own access checks (membership, role rules) and
 * writes as `as` in everything its profile's wire format carries (client registrations, author
 * fields, issuers, acks); `split` turns one update it publishes into different updates under the
 * same Yjs ids for different peers (equivocation). The simulator's faults switch it
 * (`impersonate`, `equivocate`, `honest`); an honest replica has none.
 */
export interface Lie {
  readonly lying: boolean
  /** The member it claims to be, or undefined: its own name. */
  readonly as: MemberId | undefined
  /** What each peer gets of one update it publishes, or undefined: the same update for every subscriber. */
  split(docId: DocId, update: Uint8Array): readonly AddressedUpdate[] | undefined
}

/**
 * Who writes for a replica: the replica itself or, while it lies, the member it claims to be,
 * with its own access checks skipped. Reads, keys and the membership epoch stay its own.
 */
/** `host`, or a view of it that writes as the liar's claimed member without access checks. */
export function writerOf<H extends EntityHost>(host: H, lie: Lie | undefined): H {
  if (!lie?.lying) return host
  return Object.create(host, { member: { value: lie.as ?? host.member }, checksAccess: { value: false } }) as H
}

/** One update for one peer. */
export interface AddressedUpdate {
  readonly to: MemberId
  readonly update: Uint8Array
}

/** A sync message the replica handled, with access to its entity as this replica. */
export interface HandledMessage {
  readonly docId: DocId
  /** The message as it arrived. */
  readonly bytes: Uint8Array
  readonly result: Exclude<ReceiveResult, { status: 'rejected' }>
  entity(): OpEntity
}

/** Runs the after-receive hook, if one is set, on a message that was not rejected. */
export function runAfterReceive(
  hooks: ReplicaHooks,
  bytes: Uint8Array,
  result: ReceiveResult,
  entityOf: (docId: DocId) => OpEntity,
): void {
  if (!hooks.afterReceive || result.status === 'rejected') return
  hooks.afterReceive({ docId: result.docId, bytes, result, entity: () => entityOf(result.docId) })
}

/** The production engine: no hooks. */
export const NO_HOOKS: ReplicaHooks = {}

/** The documents as receive() integrates into them: through the incoming-update hook, when one is set. */
export function withIncomingHook(docs: ReceiveHost['docs'], hook: ReplicaHooks['incomingUpdate']): ReceiveHost['docs'] {
  if (!hook) return docs
  return {
    get: (d) => docs.get(d),
    has: (d) => docs.has(d),
    applyRemote: (md, update) => docs.applyRemote(md, hook(md.id, update)),
  }
}

/** What the replica sends of `out`: as it is, or through the outgoing hook. */
export const sent = (hooks: ReplicaHooks, out: Envelope[]): Envelope[] =>
  hooks.outgoing ? out.flatMap((env) => hooks.outgoing!(env) ?? []) : out

/** The document manager's seams from the hooks: what is saved (`online` tells the hook), what a document loads. */
export const storeHooks = (
  hooks: ReplicaHooks,
  online: () => boolean,
): Pick<DocumentManagerOptions, 'saves' | 'loads'> => ({
  ...(hooks.saves ? { saves: (_md: unknown, remote: boolean) => hooks.saves!({ remote, online: online() }) } : {}),
  ...(hooks.loaded ? { loads: hooks.loaded } : {}),
})
