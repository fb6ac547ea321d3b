/**
 * The engine as a `MapCrdt` for dmonad/crdt-benchmarks' B3 cases ("20√N clients concurrently
 * set a value in a map").
 *
 * Mapping: the engine's map is a record's fields, and a concurrent `set` of one key is a
 * concurrent write of one field of one item: what the profile's record strategy resolves (the
 * "same-field writes" row of DESIGN §2). Every replica starts from the entity's initial state, in
 * which the item exists (created by one client); client i writes field `v` through
 * `profile.records.update` in one local transaction, after the profile's per-write hook (the
 * reference registers the client as member `b3-<client>` there, on its first write). The layer
 * above (membership, acks, sync framing) has no part in B3, so this is the record layer alone,
 * with every writer's writes taking effect. Updates are V2, as the suite's Yjs adapter and
 * rawYjs/mapCrdt.ts use.
 *
 * What it shows: the spec profile writes the field and `updated_at` (two keys Yjs resolves by
 * clientID); the reference writes one LWW slot per writer client (`v~<client>`), which Yjs never
 * has to resolve, so the document keeps one slot per concurrent writer.
 */
import * as Y from 'yjs'
import { ManagedDoc } from '../../src/engine/docs/documentManager.ts'
import { ORIGIN_LOAD, ORIGIN_LOCAL, ORIGIN_REMOTE } from '../../src/engine/docs/origins.ts'
import { parseDocId } from '../../src/engine/base/ids.ts'
import { profileByName, type Profile } from '../../src/engine/profile/profile.ts'
import { DELETED, EVERYONE } from '../../src/engine/ports/records.ts'
import type { MapCrdt, MapCrdtFactory } from '../mapCrdt.ts'
import { EPOCH_MS } from '../workloads.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

const DOC = parseDocId('project:b3-map:chat')
const COLLECTION = 'items'
const ITEM = 'b3'
/** The client that created the item in the initial state. */
const CREATOR = 2_000_001
/** Fields the record layer writes for itself, not part of the map. */
const BOOKKEEPING = new Set(['updated_at', DELETED.flag, DELETED.at])

class EngineMap implements MapCrdt {
  constructor(
    private readonly md: ManagedDoc,
    private readonly profile: Profile,
  ) {}

  private get coll(): Y.Map<unknown> {
    return this.md.doc.getMap(COLLECTION)
  }

  setMap(key: string, value: unknown): void {
    const member = `b3-${this.md.doc.clientID}`
    this.md.doc.transact(() => {
      this.profile.beforeWrite(this.md, member, {})
      this.profile.records.update({ md: this.md, member, now: EPOCH_MS }, this.coll, ITEM, { [key]: value as never })
    }, ORIGIN_LOCAL)
  }

  getMap(): Record<string, unknown> {
    const view = this.profile.records.read({ md: this.md, authority: EVERYONE }, this.coll, ITEM, DELETED)
    return Object.fromEntries(Object.entries(view?.fields ?? {}).filter(([k]) => !BOOKKEEPING.has(k)))
  }

  applyUpdates(updates: readonly Uint8Array[]): void {
    this.md.doc.transact(() => {
      for (const u of updates) Y.applyUpdateV2(this.md.doc, u, ORIGIN_REMOTE)
    }, ORIGIN_REMOTE)
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

/** The initial state: the item exists, created by `CREATOR`. */
function initialState(profile: Profile): Uint8Array {
  const md = openDoc(profile, CREATOR)
  md.doc.transact(() => {
    profile.beforeWrite(md, 'b3-creator', {})
    profile.records.create({ md, member: 'b3-creator', now: EPOCH_MS }, md.doc.getMap(COLLECTION), ITEM, {})
  }, ORIGIN_LOCAL)
  return Y.encodeStateAsUpdateV2(md.doc)
}

/** The B3 factory of an engine profile (see the mapping above). */
export function engineMapFactory(name: ProfileName): MapCrdtFactory {
  const profile = profileByName(name)
  let initial: Uint8Array | undefined
  const start = (): Uint8Array => (initial ??= initialState(profile))
  return {
    name,
    create(clientId, onUpdate) {
      const md = openDoc(profile, clientId, start())
      md.doc.on('updateV2', (u: Uint8Array, origin: unknown) => {
        if (origin === ORIGIN_LOCAL) onUpdate(u)
      })
      return new EngineMap(md, profile)
    },
    load(clientId, state) {
      return new EngineMap(openDoc(profile, clientId, state), profile)
    },
  }
}
