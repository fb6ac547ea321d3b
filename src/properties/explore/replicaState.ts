/**
 * What a replica holds that decides what it does next, read without changing anything: its
 * documents (Yjs state with their own clientIDs, and the extension state profiles keep beside
 * them), its offline queue, its canvas sessions (undo timelines, cursor throttle, remote cursors)
 * and, for a peer that may crash, its store. The fingerprint of explore's visited set is made of
 * this (fingerprint.ts); a part it misses would let explore prune a state whose future differs.
 *
 * Some of it is private to the engine: read here by name, in this one file. `MEMORY_FIELDS` lists
 * every field of the engine objects involved, each either read here or argued derived from what
 * is (docs/explore.md, "What the fingerprint holds"); a test fails when an object gains a field
 * that is in neither list, so a new piece of state cannot slip past the fingerprint.
 */
import { ENTRY_VERSIONS_EXT } from '../../engine/docs/entryVersions.ts'
import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import type { Replica } from '../../engine/replica/replica.ts'
import type { SimPeer } from '../../sim/peer.ts'
import { entryStoreOf } from '../../engine/authorship/entryStore.ts'

/** A replica part that cannot be read: the fingerprint then keeps the peer's history instead. */
export class OpaqueState extends Error {}

type Obj = Record<string, unknown>
const field = (o: object, name: string): unknown => (o as Obj)[name]

export const hashOf = (bytes: Uint8Array | string): string => createHash('sha1').update(bytes).digest('hex')

/**
 * The fields of the engine objects behind a replica, as the fingerprint treats them: `read`
 * (in the fingerprint), `derived` (a function of what is read, between two events), `none`
 * (wiring: functions, ports, configuration).
 */
export const MEMORY_FIELDS: Readonly<
  Record<string, Readonly<Record<string, 'read' | 'derived' | 'transient' | 'none'>>>
> = {
  Replica: {
    member: 'none',
    profile: 'none',
    docs: 'read',
    events: 'none',
    outbox: 'read',
    canvas: 'read',
    keeper: 'derived',
    after: 'derived',
    fallback: 'derived',
    hooks: 'none',
    providers: 'derived',
    /** The receive host (receiveHost.ts), as `receiveHost` was before it moved into the inbox. */
    inbox: 'none',
    /** The signed log of each document (reference): entries, burns, entries waiting for their client. */
    sync: 'read',
    keys: 'derived',
    ivs: 'derived',
  },
  DocumentManager: { options: 'none', docs: 'read', plugins: 'none', buffer: 'none', appends: 'derived' },
  ManagedDoc: {
    id: 'read',
    parsed: 'none',
    doc: 'read',
    version: 'derived',
    incarnation: 'derived',
    /** Set by a remote update and read by the same event's after-change pass only. */
    lastRemoteChanged: 'transient',
    ext: 'read',
  },
  /** The simulator's peer: its flags are read by fingerprint.ts; `liar` stays honest (explore refuses lies). */
  SimPeer: {
    name: 'none',
    ctx: 'none',
    skewMs: 'read',
    boots: 'read',
    replica: 'read',
    offline: 'read',
    store: 'read',
    clock: 'none',
    liar: 'derived',
  },
  /** `lie`: a function giving the replica's lie, if it lies (explore refuses lies: none). */
  Outbox: { ready: 'read', queued: 'read', online: 'read', lie: 'none', sealer: 'none' },
  CanvasSessions: { options: 'none', limitBytes: 'none', sessions: 'read' },
  CanvasSession: {
    docId: 'none',
    member: 'none',
    send: 'none',
    timeline: 'read',
    lastSent: 'read',
    pending: 'read',
    remote: 'read',
  },
}

/** The replica's state as canonical text (hashed by the caller). */
export function replicaState(r: Replica): string {
  const parts: string[] = []
  const docs = [...r.docs.loaded()].sort((a, b) => (a.id < b.id ? -1 : 1))
  for (const md of docs) {
    parts.push(`doc ${md.id} ${md.doc.clientID} ${hashOf(Y.encodeStateAsUpdate(md.doc))}`)
    for (const [key, value] of [...md.ext.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const ext = extState(key, value)
      if (ext !== null) parts.push(`ext ${md.id} ${key} ${ext}`)
    }
  }
  parts.push(...signedState(r, docs))
  parts.push(`outbox ${outboxState(r)}`)
  parts.push(`canvas ${canvasState(r)}`)
  return parts.join('\n')
}

/**
 * Extension entries that only cache what the document holds: views cached per document version
 * (`{version, value}`, the watermarks also per authority), per version pair (`{key, value}`), and
 * the reference's membership log fold, kept incrementally but always equal to folding the
 * document's log (reference/logFold.ts), and the entry versions, read from the signed log that
 * `signedState` covers (docs/entryVersions.ts).
 */
const CACHES: ReadonlySet<string> = new Set([
  'ref-membership-log',
  'ref-watermarks',
  'ref-membership',
  'entry-versions',
])

/**
 * A document's extension state: the Lamport clock (reference), the undo manager (spec canvas);
 * caches of views derived from the document are not state.
 */
function extState(key: string, value: unknown): string | null {
  if (value instanceof Y.UndoManager) return undoState(value)
  if (CACHES.has(key)) return null
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort().join(',')
    if (keys === 'value,version' || keys === 'key,value') return null
    if (keys === 'max' && typeof (value as { max: unknown }).max === 'number')
      return String((value as { max: number }).max)
  }
  throw new OpaqueState(`unknown document extension ${key}`)
}

type StackItem = Y.UndoManager['undoStack'][number]
type DeleteSet = StackItem['deletions']

const deleteSetText = (ds: DeleteSet): string =>
  [...ds.clients.entries()]
    .sort(([a], [b]) => a - b)
    .map(([client, items]) => `${client}:${items.map((i) => `${i.clock}+${i.len}`).join(',')}`)
    .join(';')

function undoState(um: Y.UndoManager): string {
  const stack = (items: readonly StackItem[]) =>
    items
      .map((s) => {
        if (s.meta.size > 0) throw new OpaqueState('an undo stack item with metadata')
        return `${deleteSetText(s.insertions)}|${deleteSetText(s.deletions)}`
      })
      .join('/')
  return `undo[${stack(um.undoStack)}] redo[${stack(um.redoStack)}]`
}

/**
 * The signed logs (reference profile): the entries held (their keys' XOR), burned ranges, the
 * entries waiting for their client's first entry and those waiting for structs; none under the
 * spec. Refused keys only spare a second count of the same refusal: a count the history keeps.
 */
function signedState(r: Replica, docs: readonly { readonly id: Parameters<Replica['ydoc']>[0] }[]): string[] {
  const a = r.sync.authorship
  if (!a) return []
  return docs.map((md) => {
    const log = a.log(md.id)
    const deferred = [...(field(log, 'deferred') as Map<number, { signature: Uint8Array }[]>).entries()]
      .sort(([x], [y]) => x - y)
      .map(([c, list]) => `${c}:${list.map((e) => hashOf(e.signature)).join(',')}`)
    const burned = [...log.burned.entries()].sort(([x], [y]) => x - y).map(([c, from]) => `${c}@${from}`)
    const awaiting = (field(log, 'awaiting') as { signature: Uint8Array }[]).map((e) => hashOf(e.signature))
    return `signed ${md.id} ${hashOf(log.hash)} ${burned.join(',')} ${deferred.join(' ')} ${awaiting.join(',')}`
  })
}

function outboxState(r: Replica): string {
  const outbox = field(r, 'outbox') as object
  const ready = field(outbox, 'ready') as unknown[]
  // The wire drains the outbox after every event: a message left in it would be lost state.
  if (ready.length > 0) throw new OpaqueState('messages left in an outbox')
  // Queued parts: raw updates (spec) or signed entries (reference), whose update and signature are read.
  const queued = field(outbox, 'queued') as Map<string, { parts: (Uint8Array | { update: Uint8Array })[] }>
  const partText = (u: Uint8Array | { update: Uint8Array; signature?: Uint8Array }): string =>
    u instanceof Uint8Array ? hashOf(u) : `${hashOf(u.update)}/${hashOf(u.signature ?? new Uint8Array())}`
  const q = [...queued.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([doc, { parts }]) => `${doc}:${parts.map(partText).join(',')}`)
  return `${field(outbox, 'online')} ${q.join(' ')}`
}

function canvasState(r: Replica): string {
  const sessions = field(r.canvas, 'sessions') as Map<string, object>
  return [...sessions.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([entity, s]) => {
      const remote = [...(field(s, 'remote') as Map<string, unknown>).entries()].sort(([a], [b]) => (a < b ? -1 : 1))
      return JSON.stringify([
        entity,
        field(s, 'timeline'),
        String(field(s, 'lastSent')),
        field(s, 'pending') ?? null,
        remote,
      ])
    })
    .join(' ')
}

/** A peer's store: what a restart loads (read for peers that may crash). */
export function storeState(p: SimPeer): string {
  const docs = field(p.store, 'docs')
  if (!(docs instanceof Map)) throw new OpaqueState('a store that is not in memory')
  return [...docs.keys()]
    .sort()
    .map((id: string) => {
      const stored = p.store.load(id as Parameters<SimPeer['store']['load']>[0])
      const bytes = [stored?.snapshot ?? new Uint8Array(), ...(stored?.updates ?? [])]
      // The signed records beside the store (reference profile): what a restart's logs load.
      const signed = entryStoreOf(p.store).load(id as Parameters<SimPeer['store']['load']>[0])
      return `${id}:${bytes.map((b) => hashOf(b)).join(',')}|${signed.map((b) => hashOf(b)).join(',')}`
    })
    .join(' ')
}
