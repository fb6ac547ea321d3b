/**
 * Counts the Yjs work a piece of code does, on every Y.Doc at once, so a raw Yjs baseline and its
 * engine row can be held to the same logical work (test/bench/baselineWork.test.ts). Per replica
 * (a document's clientID: the bench pins the same ones on both sides, bench/engine/starFixture.ts):
 *
 * - `records`: the records local transactions wrote, per top-level collection (a record is a key
 *   of a top-level map, or `[]` for a top-level array's content), whatever field of it changed;
 * - `transactions`: local transactions; `applies`: transactions that integrated remote updates
 *   (`applyUpdate` opens one, or marks the one it runs in as not local, so several applies inside
 *   one transaction count once, as for B3's merge);
 * - `encodesV1` / `encodesV2`: updates Yjs encoded for the `update` / `updateV2` events of the
 *   replica's transactions (one per transaction and format while someone listens, however many listen).
 *
 * and, for all documents together, `stateEncodesV1` / `stateEncodesV2`: every other update encode
 * (`encodeStateAsUpdate`, `diffUpdate`, `mergeUpdates`, format conversions). Counting patches three
 * prototypes while `countWork` runs and restores them after.
 */
import * as Y from 'yjs'

/** The work counted on one replica. */
export interface ReplicaWork {
  records: Record<string, number>
  transactions: number
  applies: number
  encodesV1: number
  encodesV2: number
}

/** The work counted during one call, by replica (clientID), plus the encodes no transaction made. */
export interface Work {
  replicas: Map<number, ReplicaWork>
  stateEncodesV1: number
  stateEncodesV2: number
}

interface ItemInternals {
  parent: Y.AbstractType<unknown> | null
  parentSub: string | null
}

const emptyReplica = (): ReplicaWork => ({ records: {}, transactions: 0, applies: 0, encodesV1: 0, encodesV2: 0 })

/** The name a top-level type has in its document. */
function topName(doc: Y.Doc, type: Y.AbstractType<unknown>): string {
  for (const [name, t] of doc.share) if (t === type) return name
  return '?'
}

/** The top-level collection and record a changed type (and key) belong to. */
function recordOf(doc: Y.Doc, type: Y.AbstractType<unknown>, key: string | null): [string, string] {
  let t = type
  let record = key ?? '[]'
  for (;;) {
    const item = t._item as unknown as ItemInternals | null
    if (item === null) return [topName(doc, t), record]
    record = item.parentSub ?? '[]'
    t = item.parent!
  }
}

function recordsOf(tr: Y.Transaction): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const [type, keys] of tr.changed) {
    for (const key of keys) {
      const [coll, record] = recordOf(tr.doc, type as unknown as Y.AbstractType<unknown>, key)
      out.set(coll, (out.get(coll) ?? new Set()).add(record))
    }
  }
  return out
}

type Patch = { proto: object; name: string; wrap: (original: (...a: unknown[]) => unknown) => unknown }

function patched<T>(patches: readonly Patch[], fn: () => T): T {
  const saved = patches.map((p) => [p, Object.getOwnPropertyDescriptor(p.proto, p.name)] as const)
  for (const p of patches) {
    const original = (p.proto as Record<string, (...a: unknown[]) => unknown>)[p.name]!
    Object.defineProperty(p.proto, p.name, { value: p.wrap(original), configurable: true, writable: true })
  }
  try {
    return fn()
  } finally {
    for (const [p, d] of saved) {
      if (d === undefined) delete (p.proto as Record<string, unknown>)[p.name]
      else Object.defineProperty(p.proto, p.name, d)
    }
  }
}

/** Runs `fn` and returns what it returned with the Yjs work it did. */
export function countWork<T>(fn: () => T): { result: T; work: Work } {
  const replicas = new Map<number, ReplicaWork>()
  const written = new Map<number, Map<string, Set<string>>>()
  const of = (doc: Y.Doc): ReplicaWork => {
    let r = replicas.get(doc.clientID)
    if (r === undefined) replicas.set(doc.clientID, (r = emptyReplica()))
    return r
  }
  let allV1 = 0
  let allV2 = 0
  const counter = (inc: () => void) => (original: (...a: unknown[]) => unknown) =>
    function (this: unknown, ...a: unknown[]): unknown {
      inc()
      return original.apply(this, a)
    }
  const onEmit = (original: (...a: unknown[]) => unknown) =>
    function (this: Y.Doc, name: string, args: unknown[]): unknown {
      if (name === 'update') of(this).encodesV1++
      else if (name === 'updateV2') of(this).encodesV2++
      else if (name === 'afterTransaction') {
        const tr = args[0] as Y.Transaction
        if (!tr.local) of(this).applies++
        else {
          of(this).transactions++
          const mine = written.get(this.clientID) ?? new Map<string, Set<string>>()
          written.set(this.clientID, mine)
          for (const [coll, keys] of recordsOf(tr)) mine.set(coll, new Set([...(mine.get(coll) ?? []), ...keys]))
        }
      }
      return original.call(this, name, args)
    }
  const result = patched(
    [
      { proto: Y.Doc.prototype, name: 'emit', wrap: onEmit },
      { proto: Y.UpdateEncoderV1.prototype, name: 'toUint8Array', wrap: counter(() => allV1++) },
      { proto: Y.UpdateEncoderV2.prototype, name: 'toUint8Array', wrap: counter(() => allV2++) },
    ],
    fn,
  )
  for (const [client, colls] of written)
    replicas.get(client)!.records = Object.fromEntries([...colls].map(([c, keys]) => [c, keys.size]))
  const sum = (f: (r: ReplicaWork) => number): number => [...replicas.values()].reduce((s, r) => s + f(r), 0)
  return {
    result,
    work: {
      replicas,
      stateEncodesV1: allV1 - sum((r) => r.encodesV1),
      stateEncodesV2: allV2 - sum((r) => r.encodesV2),
    },
  }
}
