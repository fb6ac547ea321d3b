/**
 * The engine as a `B3Crdt` for dmonad/crdt-benchmarks' B3 cases ("20√N clients concurrently
 * set a value in a map" and "... insert text in an array").
 *
 * Map (B3.1-B3.3): the engine's map is a record's fields, and a concurrent `set` of one key is a
 * concurrent write of one field of one item: what the profile's record strategy resolves (the
 * "same-field writes" row of DESIGN §2). The initial state holds the item (created by one
 * client); client i writes field `v` through `profile.records.update` in one local transaction,
 * after the profile's per-write hook (the reference registers the client as member `b3-<client>`
 * there, on its first write).
 *
 * Array (B3.4): the engine's ordered list is a kanban column. The initial state holds one column
 * (created by the same client); inserting a string is adding a card whose title is the string
 * through `profile.kanban.addCard` (the spec pushes its id onto the column's `card_order` Y.Array,
 * which Yjs orders; the reference gives it a fractional `order_key`); the array is the column's
 * card titles in board order. The engine's lists insert at the end, so only an insert at the end
 * maps (B3.4 inserts into an empty list).
 *
 * The layer above (membership, acks, sync framing) has no part in B3, so this is the record and
 * layout layer alone, with every writer's writes taking effect. Updates are V2, as the suite's Yjs
 * adapter and rawYjs/b3Crdt.ts use.
 *
 * What it shows: the spec profile writes the field and `updated_at` (two keys Yjs resolves by
 * clientID); the reference writes one LWW slot per writer client (`v~<client>`), which Yjs never
 * has to resolve. The merging replica then compacts as a replica's pass does: with no membership
 * (every write counts for good, `EVERYONE`), every slot the winner beats can never show again and
 * is deleted, so the document keeps one slot's content; each writer's registration (its client
 * key and member, what fencing reads in an entity) stays, which raw Yjs has no counterpart of.
 */
import * as Y from 'yjs'
import { LabError } from '../../src/engine/base/errors.ts'
import { parseDocId } from '../../src/engine/base/ids.ts'
import { ManagedDoc } from '../../src/engine/docs/documentManager.ts'
import { ORIGIN_LOAD, ORIGIN_LOCAL, ORIGIN_REMOTE, ORIGIN_SYSTEM } from '../../src/engine/docs/origins.ts'
import { profileByName, type Profile } from '../../src/engine/profile/profile.ts'
import { DELETED, EVERYONE, type WriteCtx } from '../../src/engine/ports/records.ts'
import type { B3Crdt, B3CrdtFactory, B3Shape } from '../b3Crdt.ts'
import { EPOCH_MS } from '../workloads.ts'
import { type ProfileName } from '../../src/engine/base/enums.ts'

const DOC = parseDocId('project:b3-map:chat')
const COLLECTION = 'items'
const ITEM = 'b3'
const COLUMN = 'b3-column'
/** The client that created the item or the column in the initial state. */
const CREATOR = 2_000_001
/** Fields the record layer writes for itself, not part of the map. */
const BOOKKEEPING = new Set(['updated_at', DELETED.flag, DELETED.at])

class EngineB3 implements B3Crdt {
  private cards = 0

  constructor(
    private readonly md: ManagedDoc,
    private readonly profile: Profile,
  ) {}

  private get coll(): Y.Map<unknown> {
    return this.md.doc.getMap(COLLECTION)
  }

  /** Runs `f` in one local transaction, after the profile's per-write hook, as member `b3-<client>`. */
  private write(f: (ctx: WriteCtx) => void): void {
    const member = `b3-${this.md.doc.clientID}`
    this.md.doc.transact(() => {
      this.profile.beforeWrite(this.md, member, {})
      f({ md: this.md, member, now: EPOCH_MS })
    }, ORIGIN_LOCAL)
  }

  setMap(key: string, value: unknown): void {
    this.write((ctx) => this.profile.records.update(ctx, this.coll, ITEM, { [key]: value as never }))
  }

  getMap(): Record<string, unknown> {
    const view = this.profile.records.read({ md: this.md, authority: EVERYONE }, this.coll, ITEM, DELETED)
    return Object.fromEntries(Object.entries(view?.fields ?? {}).filter(([k]) => !BOOKKEEPING.has(k)))
  }

  insertArray(index: number, values: readonly string[]): void {
    const board = () => this.profile.kanban.board({ md: this.md, authority: EVERYONE })
    const at = board().columns.find((c) => c.id === COLUMN)?.card_order.length ?? 0
    if (index !== at) throw new LabError('INTERNAL', `B3 engine list inserts at the end (${at}), not at ${index}`)
    this.write((ctx) => {
      for (const title of values) {
        const id = `${this.md.doc.clientID.toString(36)}-${this.cards++}`
        this.profile.kanban.addCard(ctx, board(), { id, title, column_id: COLUMN })
      }
    })
  }

  getArray(): unknown[] {
    const board = this.profile.kanban.board({ md: this.md, authority: EVERYONE })
    const titles = new Map(board.cards.map((c) => [c.id, c.title]))
    return (board.columns.find((c) => c.id === COLUMN)?.card_order ?? []).map((id) => titles.get(id))
  }

  applyUpdates(updates: readonly Uint8Array[]): void {
    this.md.doc.transact(() => {
      for (const u of updates) Y.applyUpdateV2(this.md.doc, u, ORIGIN_REMOTE)
    }, ORIGIN_REMOTE)
    this.compact()
  }

  /**
   * What a replica's pass does after a change (replica/tombstones.ts): deletes what no read can
   * show again. With every write counting for good, that is every slot of `v` but the winner.
   */
  private compact(): void {
    const { records } = this.profile
    const view = this.coll.has(ITEM)
      ? records.read({ md: this.md, authority: EVERYONE }, this.coll, ITEM, DELETED)
      : undefined
    const keys = view?.compactable
    if (keys === undefined || keys.length === 0 || records.compact === undefined) return
    this.md.doc.transact(() => {
      records.compact!({ md: this.md, member: 'b3-merger', now: EPOCH_MS }, this.coll, ITEM, keys)
    }, ORIGIN_SYSTEM)
  }

  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdateV2(this.md.doc)
  }
}

/** A document with the profile's plugins, holding `state` (V2), writing as `clientId`. */
function openDoc(profile: Profile, clientId: number, state?: Uint8Array): ManagedDoc {
  const doc = new Y.Doc({ guid: DOC.docId, gc: true })
  doc.clientID = clientId
  const md = new ManagedDoc(DOC.docId, DOC, doc)
  for (const plugin of profile.plugins) plugin(md)
  if (state !== undefined) Y.applyUpdateV2(doc, state, ORIGIN_LOAD)
  return md
}

/** The initial state: the item (map) or the column (array) exists, created by `CREATOR`. */
function initialState(profile: Profile, shape: B3Shape): Uint8Array {
  const md = openDoc(profile, CREATOR)
  md.doc.transact(() => {
    profile.beforeWrite(md, 'b3-creator', {})
    const ctx = { md, member: 'b3-creator', now: EPOCH_MS }
    if (shape === 'map') profile.records.create(ctx, md.doc.getMap(COLLECTION), ITEM, {})
    else profile.kanban.addColumn(ctx, profile.kanban.board({ md, authority: EVERYONE }), COLUMN, 'B3')
  }, ORIGIN_LOCAL)
  return Y.encodeStateAsUpdateV2(md.doc)
}

/** The B3 factory of an engine profile (see the mapping above). */
export function engineB3Factory(name: ProfileName): B3CrdtFactory {
  const profile = profileByName(name)
  const initial = new Map<B3Shape, Uint8Array>()
  const start = (shape: B3Shape): Uint8Array => {
    let s = initial.get(shape)
    if (s === undefined) initial.set(shape, (s = initialState(profile, shape)))
    return s
  }
  return {
    name,
    create(clientId, onUpdate, shape) {
      const md = openDoc(profile, clientId, start(shape))
      md.doc.on('updateV2', (u: Uint8Array, origin: unknown) => {
        if (origin === ORIGIN_LOCAL) onUpdate(u)
      })
      return new EngineB3(md, profile)
    },
    load(clientId, state) {
      return new EngineB3(openDoc(profile, clientId, state), profile)
    },
  }
}
