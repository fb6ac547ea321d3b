/**
 * Ops as the oracle observed them, not as the engine announced them. Just before an op runs the
 * oracle notes, for each document of the entity its replica has open, the document and how far
 * its own client had written; while it runs, it keeps the updates of the op's own transactions
 * (origin local: not the bookkeeping that follows, acks and prunes); just after, it measures with
 * plain Yjs what the issuer held before the op (every document's state vector without what its
 * client wrote since: its context, from which causality follows), the structs the op wrote (its
 * effects), and reads them by the layout (reader/opWrites.ts): what it created, the fields it
 * wrote with the stamps the documents give them, what it deleted, its membership op. When it ran
 * is the issuer's clock, as the simulator keeps it.
 */
import * as Y from 'yjs'
import type { ProfileName } from '../../engine/base/enums.ts'
import type { OpRecord } from '../../sim/opRecord.ts'
import { opWrites, type ObservedMembership, type ObservedWrites } from './reader/opWrites.ts'

/** Structs one op wrote in one document: clocks [from, to) of the replica's client. */
export interface ObservedRange {
  readonly docId: string
  readonly client: number
  readonly from: number
  readonly to: number
}

/** One field write the oracle saw an op make. */
export interface ObservedFieldWrite {
  readonly docId: string
  readonly item: string
  readonly field: string
  readonly value: unknown
  /** The stamp the document gives the write (Lamport in reference, `updated_at` seconds in spec). */
  readonly stamp: number
  readonly replica: string
}

/** What an op did, as observed. */
export interface Observed {
  /** The issuer's wall clock (ms) when it ran. */
  readonly at: number
  /** State vectors (client key -> clock) of the entity's documents the issuer held before the op. */
  readonly context: Readonly<Record<string, Readonly<Record<string, number>>>>
  readonly effects: readonly ObservedRange[]
  /** The item the op created (first creation of its writes), if any. */
  readonly createdId?: string
  readonly writes: readonly ObservedFieldWrite[]
  /** Items the op made tombstones, as [docId, item]. */
  readonly deleted: readonly (readonly [string, string])[]
  /** Items the op revived (undo of a delete), as [docId, item]. */
  readonly revived: readonly (readonly [string, string])[]
  readonly membership?: ObservedMembership
}

/** An op that ran, with what the oracle observed of it. */
export type ObservedOp = Omit<OpRecord, 'outcome'> & { readonly outcome: Observed }

/** Time stamps an edit refreshes as bookkeeping: not fields users write (the engine's account leaves them out too). */
const BOOKKEEPING = /(^|_)updated_at$/

/** What the oracle noted of the issuer just before an op. */
export type BeforeOp = ReadonlyMap<string, { readonly doc: Y.Doc; readonly client: number; readonly clock: number }>

/** Notes, for each open document, where the replica's own client stood. */
export function beforeOp(docs: ReadonlyMap<string, Y.Doc>): BeforeOp {
  const out = new Map<string, { doc: Y.Doc; client: number; clock: number }>()
  for (const [docId, doc] of docs)
    out.set(docId, { doc, client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) })
  return out
}

const svOf = (doc: Y.Doc): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) out[client.toString(36)] = clock
  return out
}

/**
 * An update one of the op's own transactions wrote, decoded as it was written (a later transaction
 * of the same op, a prune say, may remove what it wrote before the op ends).
 */
export interface LocalUpdate {
  readonly docId: string
  readonly update: Uint8Array
  readonly writes: ObservedWrites
}

/** Decodes an update of an op's own transaction, when it happens. */
export function localUpdate(
  profile: ProfileName,
  docId: string,
  doc: Y.Doc,
  update: Uint8Array,
  at: number,
): LocalUpdate {
  return { docId, update, writes: opWrites(profile, docId.slice(docId.lastIndexOf(':') + 1), doc, [update], at) }
}

/** Struct ranges an update holds (its client's clocks). */
function rangesOf(docId: string, update: Uint8Array): ObservedRange[] {
  const out: ObservedRange[] = []
  for (const s of Y.decodeUpdate(update).structs) {
    const last = out[out.length - 1]
    if (last && last.client === s.id.client && last.to === s.id.clock)
      out[out.length - 1] = { ...last, to: s.id.clock + s.length }
    else out.push({ docId, client: s.id.client, from: s.id.clock, to: s.id.clock + s.length })
  }
  return out
}

/**
 * The observed op: `docs` are the entity's documents the replica has open after it, `local` the
 * updates of its own transactions.
 */
export function observeOp(
  record: OpRecord,
  before: BeforeOp,
  docs: ReadonlyMap<string, Y.Doc>,
  at: number,
  local: readonly LocalUpdate[],
): ObservedOp {
  const context: Record<string, Record<string, number>> = {}
  const effects: ObservedRange[] = []
  const writes: ObservedFieldWrite[] = []
  const deleted: [string, string][] = []
  const revived: [string, string][] = []
  const created: string[] = []
  let membership: ObservedMembership | undefined
  for (const [docId, doc] of [...docs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const client = doc.clientID
    const b = before.get(docId)
    // A document opened by the op, or a clientID changed before it wrote: the client is fresh.
    const from = b && b.doc === doc && b.client === client ? b.clock : 0
    const to = Y.getState(doc.store, client)
    const sv = svOf(doc)
    if (from > 0) sv[client.toString(36)] = from
    else delete sv[client.toString(36)]
    context[docId] = sv
    const updates = local.filter((u) => u.docId === docId)
    if (to <= from || updates.length === 0) continue
    for (const { update, writes: w } of updates) {
      effects.push(...rangesOf(docId, update))
      created.push(...w.created)
      deleted.push(...w.deleted.map((i) => [docId, i] as [string, string]))
      revived.push(...w.revived.map((i) => [docId, i] as [string, string]))
      for (const x of w.writes) if (!BOOKKEEPING.test(x.field)) writes.push({ docId, ...x, replica: record.peer })
      membership ??= w.membership
    }
  }
  const { outcome: _announced, ...rest } = record
  return {
    ...rest,
    outcome: {
      at,
      context,
      effects,
      ...(created.length > 0 ? { createdId: created[0]! } : {}),
      writes,
      deleted,
      revived,
      ...(membership ? { membership } : {}),
    },
  }
}
