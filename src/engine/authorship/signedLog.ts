/**
 * One document's log of signed updates (reference profile): every update the replica integrated,
 * as its author signed it, keyed by client and clock range; the binding of each Yjs clientID to
 * the member that signed its first structs; the evidence of equivocation and the ranges it burns.
 *
 *   check(entry)  ->  new        verified: integrate it, then commit it
 *                     known      held already (re-applied when the document lacks its structs)
 *                     burned     verified, of a burned range: kept, and stands as a GC struct
 *                     defer      verified, but its client's first entry has not come: kept aside
 *                     refuse     unsigned, badly signed, impersonating or equivocating
 *
 * Everything follows from the set of entries held, never from their order of arrival, so two
 * replicas holding the same entries agree on bindings, burns and (through the rebuild in
 * authorship.ts) on the document: the binding is the signer of a client's clock-0 entry, and a
 * client is burned from the lowest clock where two different entries signed for it overlap.
 */
import { createHash } from 'node:crypto'
import type { DocId, MemberId } from '../base/ids.ts'
import { decodeEntry, encodeEntry, type SignedUpdate } from '../sync/signedMessages.ts'
import { foreignRegistration, shapeOf, type EntryShape } from './entryShape.ts'
import type { MemberKeys } from './keys.ts'
import { firstIndex } from '../base/firstIndex.ts'

export type Refusal = 'UNSIGNED' | 'BAD_SIGNATURE' | 'IMPERSONATION' | 'EQUIVOCATION'

export interface LogEntry extends EntryShape {
  readonly signed: SignedUpdate
  /** The entry's encoding (what is stored and sent). */
  readonly bytes: Uint8Array
  /** First 16 bytes of SHA-256 over `bytes`, hex. */
  readonly key: string
  /** A second version of a range already held: kept as evidence, never integrated. */
  readonly evidence: boolean
}

export type Check =
  | { readonly kind: 'new' | 'known' | 'burned' | 'defer'; readonly entry: LogEntry }
  | {
      readonly kind: 'refuse'
      readonly code: Refusal
      readonly reason: string
      /** Refused before: not counted again. */
      readonly repeat: boolean
      /** An equivocation that burned (more of) a client: the document must be rebuilt. */
      readonly burn?: boolean
    }

export class SignedLog {
  private readonly byKey = new Map<string, LogEntry>()
  /** Each client's entries, sorted by the clock they reach (`to`: the last reaches highest); its clock-0 entries. */
  private readonly ranges = new Map<number, LogEntry[]>()
  private readonly firsts = new Map<number, LogEntry[]>()
  /** Entries that only delete (no client), in the order they came. */
  private readonly deletions: LogEntry[] = []
  /** Arrival position of each entry (the order of `entries`). */
  private readonly arrival = new Map<LogEntry, number>()
  private readonly refused = new Set<string>()
  private readonly deferred = new Map<number, SignedUpdate[]>()
  /** Entries that delete structs the document does not hold yet, oldest first (see `await`). */
  private readonly awaiting: SignedUpdate[] = []
  /** clientID -> the member that signed its clock-0 entry. */
  readonly binding = new Map<number, MemberId>()
  /** clientID -> the clock from which its content is burned (an equivocation). */
  readonly burned = new Map<number, number>()
  /** XOR of every entry's key: equal sets of entries, equal hashes. */
  readonly hash = new Uint8Array(16)
  /** Entries added; and how often one was added that was not its client's last (evidence, out of order). */
  adds = 0
  reorders = 0

  /**
   * `records`: what the entry store held (the log is rebuilt from them without verifying again:
   * they were verified before they were stored); `persist` stores a new record.
   */
  constructor(
    readonly docId: DocId,
    private readonly keys: MemberKeys,
    records: readonly Uint8Array[],
    private readonly persist: (record: Uint8Array, remote: boolean) => void,
  ) {
    for (const r of records) {
      const entry = this.entryOf(decodeEntry(r.subarray(1)), r[0] === 1)
      if (entry) this.add(entry)
    }
  }

  /** Verifies an entry against the log (see the file comment); changes nothing but evidence and burns. */
  check(signed: SignedUpdate): Check {
    const entry = this.entryOf(signed, false)
    if (!entry) return this.refuse('', 'IMPERSONATION', 'its update writes under more than one client')
    const held = this.byKey.get(entry.key)
    if (held?.evidence) return { kind: 'refuse', code: 'EQUIVOCATION', reason: 'held as evidence', repeat: true }
    if (held) return { kind: this.isBurned(held) ? 'burned' : 'known', entry: held }
    if (this.refused.has(entry.key))
      return { kind: 'refuse', code: 'BAD_SIGNATURE', reason: 'refused before', repeat: true }
    if (signed.signature.length === 0) return this.refuse(entry.key, 'UNSIGNED', `it carries no signature`)
    if (!this.keys.verify(signed.signer, this.docId, signed.update, signed.signature))
      return this.refuse(entry.key, 'BAD_SIGNATURE', `its signature is not ${signed.signer}'s`)
    const foreign = foreignRegistration(entry, signed.signer)
    if (foreign) return this.refuse(entry.key, 'IMPERSONATION', foreign)
    const c = entry.client
    if (c === undefined) return { kind: 'new', entry }
    const bound = this.binding.get(c)
    if (bound !== undefined && bound !== signed.signer)
      return this.refuse(entry.key, 'IMPERSONATION', `client ${c.toString(36)} is bound to ${bound}`)
    // Only entries reaching past this one's start can overlap it (the list is sorted by `to`).
    const list = this.ranges.get(c) ?? []
    const clash = list.slice(firstReaching(list, entry.from)).filter((x) => x.from < entry.to)
    if (clash.length > 0) return this.equivocation({ ...entry, evidence: true }, clash)
    const burnedFrom = this.burned.get(c)
    if (burnedFrom !== undefined && entry.to > burnedFrom) return { kind: 'burned', entry }
    if (bound === undefined && entry.from > 0) return { kind: 'defer', entry }
    return { kind: 'new', entry }
  }

  /**
   * Records a verified entry the replica integrated (or, burned, stands for it): binds its client,
   * stores it (`remote`: a peer's, stored as the document stores the peer's updates).
   */
  commit(entry: LogEntry, remote = true): void {
    if (this.byKey.has(entry.key)) return
    this.add(entry)
    this.persist(recordOf(entry), remote)
  }

  /** Records an entry this replica signed itself (it holds what it wrote; nothing to verify). */
  commitOwn(signed: SignedUpdate): void {
    const entry = this.entryOf(signed, false)
    if (entry) this.commit(entry, false)
  }

  /**
   * Keeps an entry of a client whose first entry has not come yet. Over `max` entries waiting for
   * the client, all of them are dropped (as Yjs's pending structs are over their cap: the sender
   * is asked again) and it returns false.
   */
  defer(entry: LogEntry, max: number): boolean {
    const list = this.deferred.get(entry.client!) ?? []
    if (list.length >= max) {
      this.deferred.delete(entry.client!)
      return false
    }
    list.push(entry.signed)
    this.deferred.set(entry.client!, list)
    return true
  }

  /**
   * Keeps an entry whose deletions name structs the document does not hold yet: applied now, they
   * would remove what this replica holds of an item before a write to it that the deleter held
   * (a prune's deletion overtaking a concurrent move), and the replica would archive a copy no
   * other replica has. Over `max` entries waiting, all are dropped (the sender is asked again) and
   * it returns false.
   */
  await(signed: SignedUpdate, max: number): boolean {
    if (this.awaiting.length >= max) {
      this.awaiting.length = 0
      return false
    }
    this.awaiting.push(signed)
    return true
  }

  /** The entries waiting for structs, to be checked again now that the document grew. */
  takeAwaiting(): SignedUpdate[] {
    return this.awaiting.splice(0)
  }

  /** The entries kept aside for `client`, now that it may be bound (they are checked again). */
  takeDeferred(client: number): SignedUpdate[] {
    const list = this.deferred.get(client) ?? []
    this.deferred.delete(client)
    return list
  }

  /** Every entry held (integrated, burned and evidence), in the order they came. */
  entries(): LogEntry[] {
    return [...this.byKey.values()]
  }

  /** Whether the entry's range is burned. */
  isBurned(e: EntryShape): boolean {
    const from = e.client === undefined ? undefined : this.burned.get(e.client)
    return from !== undefined && e.to > from
  }

  /** The entries of `client` (evidence included), sorted by the clock they reach (do not modify). */
  entriesOf(client: number): readonly LogEntry[] {
    return this.ranges.get(client) ?? []
  }

  /** The highest clock any entry of `client` reaches. */
  endOf(client: number): number {
    return this.ranges.get(client)?.at(-1)?.to ?? 0
  }

  /**
   * What the holder of state vector `sv` lacks, in the order the entries came: every entry (not
   * evidence) of a client reaching past `sv`, every deletion of structs past it, and, apart, the
   * binding (clock-0) entry of each client with a later entry among them. Only clients reaching
   * past `sv` are looked at: answering a step1 read the whole log (thousands of entries) before.
   */
  beyond(sv: ReadonlyMap<number, number>): { sent: LogEntry[]; binding: LogEntry[] } {
    const past = (client: number, to: number): boolean => to > (sv.get(client) ?? 0)
    const sent: LogEntry[] = []
    const binding: LogEntry[] = []
    for (const [client, list] of this.ranges) {
      const held = sv.get(client) ?? 0
      if ((list.at(-1)?.to ?? 0) <= held) continue
      const chosen = list.slice(firstReaching(list, held)).filter((e) => !e.evidence)
      sent.push(...chosen)
      if (chosen.some((e) => e.from > 0)) binding.push(...(this.firsts.get(client) ?? []))
    }
    for (const e of this.deletions)
      if (!e.evidence && [...(e.deletesTo ?? [])].some(([c, to]) => past(c, to))) sent.push(e)
    const byArrival = (a: LogEntry, b: LogEntry): number => this.arrival.get(a)! - this.arrival.get(b)!
    return { sent: sent.sort(byArrival), binding: binding.sort(byArrival) }
  }

  private equivocation(evidence: LogEntry, clash: readonly LogEntry[]): Check {
    const c = evidence.client!
    const before = this.burned.get(c)
    let from = Math.min(evidence.from, ...clash.map((x) => x.from), before ?? Infinity)
    // An entry of the client straddling the burn point goes with it whole.
    for (const x of this.ranges.get(c) ?? []) if (x.from < from && x.to > from) from = x.from
    this.burned.set(c, from)
    this.commit(evidence)
    const reason =
      `${evidence.signed.signer} signed two different updates for client ${c.toString(36)} ` +
      `clocks ${evidence.from}-${evidence.to}`
    return { kind: 'refuse', code: 'EQUIVOCATION', reason, repeat: false, burn: before !== from }
  }

  private refuse(key: string, code: Refusal, reason: string): Check {
    if (key) this.refused.add(key)
    return { kind: 'refuse', code, reason, repeat: false }
  }

  private entryOf(signed: SignedUpdate, evidence: boolean): LogEntry | undefined {
    const shape = shapeOf(signed.update)
    if (shape.clients > 1) return undefined
    const bytes = encodeEntry(signed)
    const key = createHash('sha256').update(bytes).digest().subarray(0, 16).toString('hex')
    return { ...shape, signed, bytes, key, evidence }
  }

  private add(entry: LogEntry): void {
    this.byKey.set(entry.key, entry)
    this.arrival.set(entry, this.arrival.size)
    const bytes = Buffer.from(entry.key, 'hex')
    for (let i = 0; i < 16; i++) this.hash[i]! ^= bytes[i]!
    const c = entry.client
    if (c === undefined) {
      this.deletions.push(entry)
      return
    }
    // In place, in clock order (entries come mostly in order: this appends): copying the client's
    // list on every entry made a long-running writer's log quadratic.
    const list = this.ranges.get(c) ?? []
    const at = firstReaching(list, entry.to)
    list.splice(at, 0, entry)
    this.ranges.set(c, list)
    this.adds++
    if (entry.evidence || at < list.length - 1) this.reorders++
    if (entry.from === 0 && !entry.evidence) this.firsts.set(c, [...(this.firsts.get(c) ?? []), entry])
    if (entry.evidence) {
      // Loading: the burn an evidence entry caused, from the entries it overlaps.
      const clash = (this.ranges.get(c) ?? []).filter((x) => x !== entry && x.from < entry.to && entry.from < x.to)
      const from = Math.min(entry.from, ...clash.map((x) => x.from), this.burned.get(c) ?? Infinity)
      this.burned.set(c, from)
    } else if (entry.from === 0 && !this.binding.has(c)) {
      this.binding.set(c, entry.signed.signer)
    }
  }
}

/** Position of the first entry of `list` (sorted by `to`) reaching past `clock`. */
const firstReaching = (list: readonly LogEntry[], clock: number): number =>
  firstIndex(list.length, (i) => list[i]!.to > clock)

/** A stored record: a flag byte (1: evidence), then the entry. */
function recordOf(entry: LogEntry): Uint8Array {
  const out = new Uint8Array(1 + entry.bytes.length)
  out[0] = entry.evidence ? 1 : 0
  out.set(entry.bytes, 1)
  return out
}
