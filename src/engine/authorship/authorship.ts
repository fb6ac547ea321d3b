/**
 * Signed authorship of one replica (reference profile): it signs every update it authors, keeps
 * each document's log of signed updates (signedLog.ts) beside its store (entryStore.ts), answers
 * anti-entropy with the original signed updates, and rebuilds a document when an equivocation
 * burns part of it.
 *
 * Why a log and not the document: a Yjs state (`encodeStateAsUpdate`) merges everyone's structs
 * into one blob no signature covers. What a peer lacks by its state vector therefore travels as
 * the entries that carry it, and every relay passes the author's own signature on.
 */
import * as Y from 'yjs'
import type { DocId, MemberId } from '../base/ids.ts'
import type { DocStore } from '../store/store.ts'
import type { DocumentManager, ManagedDoc } from '../docs/documentManager.ts'
import type { SignedUpdate } from '../sync/signedMessages.ts'
import { entryStoreOf, type EntryStore } from './entryStore.ts'
import { MemberKeys } from './keys.ts'
import type { SignatureScheme } from './signatures.ts'
import { gcPlaceholder } from './placeholder.ts'
import { logReplay, replayLog, type LogReplay } from './logReplay.ts'
import { LogVersions } from './entryVersions.ts'
import type { EntryVersions } from '../docs/entryVersions.ts'
import { SignedLog, type LogEntry } from './signedLog.ts'

/** How a lying replica signs what it writes as another member (hooks.lie; honest replicas never do). */
export interface ClaimedSigner {
  /** The member it claims to be. */
  readonly as: MemberId
}

export class Authorship {
  readonly keys: MemberKeys
  private readonly entries: EntryStore
  private readonly logs = new Map<DocId, SignedLog>()
  private readonly versions = new WeakMap<SignedLog, LogVersions>()
  /** Updates this replica signed (for the liar's alternating claims, and the stats). */
  private signedCount = 0

  /**
   * `saves`: whether a record is stored (`remote`: of a peer's update), as the document's updates
   * are; `scheme`: the signature scheme (Ed25519 by default).
   */
  constructor(
    member: MemberId,
    keySeed: string,
    store: DocStore,
    private readonly saves: (remote: boolean) => boolean = () => true,
    scheme?: SignatureScheme,
  ) {
    this.keys = new MemberKeys(keySeed, member, scheme)
    this.entries = entryStoreOf(store)
  }

  /** The document's log (loaded from the entry store on first use). */
  log(docId: DocId): SignedLog {
    let log = this.logs.get(docId)
    if (!log) {
      const persist = (r: Uint8Array, remote: boolean) => void (this.saves(remote) && this.entries.append(docId, r))
      log = new SignedLog(docId, this.keys, this.entries.load(docId), persist)
      this.logs.set(docId, log)
    }
    return log
  }

  /**
   * The versions of a document's structs its log says this replica holds (entryVersions.ts), read
   * from whichever log is loaded when asked (a reload replaces them).
   */
  versionsOf(docId: DocId): EntryVersions {
    const of = (): LogVersions => {
      const log = this.log(docId)
      let v = this.versions.get(log)
      if (!v) this.versions.set(log, (v = new LogVersions(log)))
      return v
    }
    return {
      digest: (covers) => of().digest(covers),
      vouched: (covers) => of().vouched(covers),
      stamp: () => of().stamp(),
      holds: (covers, digest) => of().holds(covers, digest),
    }
  }

  /** Forgets the logs held in memory: each is loaded again from the entry store (documents reloaded from the store). */
  reload(): void {
    this.logs.clear()
  }

  /**
   * Signs an update this replica wrote. An honest replica signs as itself. A lying one that claims
   * `claim.as` does so in each way the wire lets it, by turns: naming the other member as signer
   * over its own signature (a bad signature), or signing as itself what registers the other
   * (an impersonation); neither can pass a verifier.
   */
  sign(docId: DocId, update: Uint8Array, claim?: ClaimedSigner): SignedUpdate {
    const n = this.signedCount++
    const signer = claim && n % 2 === 0 ? claim.as : this.keys.own
    return { signer, signature: this.keys.sign(docId, update), update }
  }

  /** Signs and records an update this replica wrote and integrated; returns what it sends. */
  sealOwn(docId: DocId, update: Uint8Array, claim?: ClaimedSigner): SignedUpdate {
    const signed = this.sign(docId, update, claim)
    // Its own entry is what it holds, unverified: it made it (a liar's would fail its own check).
    this.log(docId).commitOwn(signed)
    return signed
  }

  /**
   * Entries the holder of state vector `sv` lacks: every entry of a client reaching past `sv`, and
   * every deletion of structs past it (a replica that lacks a struct lacks its deletion too; Yjs
   * sends its whole delete set with any difference).
   */
  entriesBeyond(docId: DocId, sv: ReadonlyMap<number, number>): SignedUpdate[] {
    // Each client's binding entry (clock 0) goes too: the asker may hold a client's first structs
    // without the entry that binds it (its log and its document are stored apart, and a crash can
    // keep one and lose the other); without it the later entries would wait for it for ever.
    const { sent, binding } = this.log(docId).beyond(sv)
    const inSent = new Set(sent)
    return [...binding.filter((e) => !inSent.has(e)), ...sent].map((e) => e.signed)
  }

  /** Every entry held, integrated or not (a full copy, for bootstrap). */
  allEntries(docId: DocId): SignedUpdate[] {
    return this.log(docId)
      .entries()
      .map((e) => e.signed)
  }

  /** Digests of every entry held. */
  index(docId: DocId): Uint8Array[] {
    return this.log(docId)
      .entries()
      .map((e) => Buffer.from(e.key, 'hex'))
  }

  /** Entries whose digest `index` lacks. */
  missingFrom(docId: DocId, index: readonly Uint8Array[]): SignedUpdate[] {
    const theirs = new Set(index.map((d) => Buffer.from(d).toString('hex')))
    return this.log(docId)
      .entries()
      .filter((e) => !theirs.has(e.key))
      .map((e) => e.signed)
  }

  /**
   * The document as its log makes it: every entry that is neither evidence nor burned, and a GC
   * struct over each burned range. What Yjs holds pending (missing dependencies) is left out;
   * it comes again by anti-entropy.
   */
  rebuiltState(docId: DocId): Uint8Array {
    const doc = replayLog(this.log(docId), true)
    const state = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    return state
  }

  /**
   * Whether `doc` still holds content of a range its log burned: a rebuild whose snapshot a crash
   * tore leaves the store as it was before the burn, and the document must be rebuilt again.
   */
  owesRebuild(docId: DocId, doc: Y.Doc): boolean {
    for (const [client, from] of this.log(docId).burned)
      for (const s of doc.store.clients.get(client) ?? [])
        if (s.id.clock + s.length > from && !(s instanceof Y.GC)) return true
    return false
  }

  /** Rebuilds a document just loaded when it owes it (`owesRebuild`). */
  redoRebuild(docs: DocumentManager, md: ManagedDoc): void {
    if (this.owesRebuild(md.id, md.doc)) docs.replaceState(md, this.rebuiltState(md.id))
  }

  /** The document as its log makes it, removed content included (logReplay.ts); the caller destroys its doc. */
  replay(docId: DocId): LogReplay {
    return logReplay(this.log(docId))
  }

  /** What stands for a burned entry beyond the state vector `sv`: a GC struct, or undefined. */
  standIn(docId: DocId, entry: LogEntry, sv: ReadonlyMap<number, number>): Uint8Array | undefined {
    const c = entry.client!
    const from = Math.max(sv.get(c) ?? 0, this.log(docId).burned.get(c) ?? 0)
    return from < entry.to ? gcPlaceholder(c, from, entry.to) : undefined
  }
}
