/**
 * How a replica's documents travel under its profile: the sealer its outbox uses for the updates
 * it writes, the digest it sends each anti-entropy round, the full state it hands a peer, and who
 * may read (readPolicy.ts). The spec publishes raw updates to the topic; the reference signs them
 * (authorship/) and answers members only.
 */
import * as Y from 'yjs'
import type { DocId, MemberId } from '../base/ids.ts'
import type { DocPlugin, ManagedDoc } from '../docs/documentManager.ts'
import { setEntryVersions } from '../docs/entryVersions.ts'
import { Authorship } from '../authorship/authorship.ts'
import type { MembershipView } from '../ports/membership.ts'
import type { Profile } from '../profile/profile.ts'
import type { ReplicaOptions } from './options.ts'
import type { SyncMessage } from '../sync/messages.ts'
import type { SignedUpdate } from '../sync/signedMessages.ts'
import { deleteSetHash } from '../sync/stateVectors.ts'
import type { Lie } from './hooks.ts'
import { OPEN_TOPIC, type Sealer } from './outbox.ts'
import { mayRead, readersOf } from './readPolicy.ts'

export interface SyncPolicy {
  /** The replica's signed authorship (a signing profile's), or undefined. */
  readonly authorship: Authorship | undefined
  readonly sealer: Sealer
  /** What it sends a peer each anti-entropy round about a document. */
  digest(md: ManagedDoc): SyncMessage
  /** Everything it holds of a document, as a peer takes it (bootstrap). */
  fullState(md: ManagedDoc): SyncMessage
  mayRead(docId: DocId, member: MemberId): boolean
  /** What each document it opens gets: a signing replica's entry versions (docs/entryVersions.ts). */
  readonly plugins: readonly DocPlugin[]
}

/**
 * The policy of the replica `r` built from `options` (its store, its providers' key seed); `lie`
 * gives its lie when it has one, `view` the membership of a document's entity on it.
 */
export function syncPolicyOf(
  r: { readonly profile: Profile; readonly member: MemberId },
  options: Pick<ReplicaOptions, 'store' | 'providers' | 'signatures'>,
  lie: () => Lie | undefined,
  view: (docId: DocId) => MembershipView,
  /** Whether an update is stored (`remote`: from a peer), as the document manager decides; undefined: yes. */
  saves: (remote: boolean) => boolean | undefined = () => true,
): SyncPolicy {
  const p = { profile: r.profile, member: r.member, lie, view }
  const read = (docId: DocId, member: MemberId): boolean => mayRead(p.profile, () => p.view(docId), docId, member)
  const readers = (docId: DocId) => readersOf(p.profile, () => p.view(docId), docId, p.member)
  const digest = (md: ManagedDoc): SyncMessage => ({
    type: 'digest',
    stateVector: Y.encodeStateVector(md.doc),
    deleteSetHash: deleteSetHash(md.doc),
  })
  if (!p.profile.signed)
    return {
      authorship: undefined,
      sealer: { ...OPEN_TOPIC, readers },
      digest,
      fullState: (md) => ({ type: 'step2', update: Y.encodeStateAsUpdate(md.doc) }),
      mayRead: read,
      plugins: [],
    }
  const saved = (remote: boolean): boolean => saves(remote) ?? true
  const a = new Authorship(p.member, options.providers.keySeed, options.store, saved, options.signatures)
  const claim = () => {
    const as = p.lie()?.as
    return as ? { as } : undefined
  }
  return {
    authorship: a,
    sealer: {
      seal: (docId, update, own) => (own ? a.sealOwn(docId, update, claim()) : a.sign(docId, update, claim())),
      message: (_docId, parts) => ({ type: 'signed', entries: parts as SignedUpdate[] }),
      readers,
    },
    digest: (md) => ({
      type: 'signedDigest',
      stateVector: Y.encodeStateVector(md.doc),
      deleteSetHash: deleteSetHash(md.doc),
      logHash: a.log(md.id).hash,
    }),
    fullState: (md) => ({ type: 'signed', entries: a.allEntries(md.id) }),
    mayRead: read,
    plugins: [(md) => setEntryVersions(md, a.versionsOf(md.id))],
  }
}
