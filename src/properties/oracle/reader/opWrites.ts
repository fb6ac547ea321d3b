/**
 * What an op wrote, read from the Yjs structs it added (its client's clocks [from, to) in one
 * document, right after it ran), by the profile's documented layout: the items it created, the
 * fields it wrote with the stamp each carries in the document, the items it deleted or revived,
 * and a membership op. The oracle judges these, not the op's own account of itself.
 */
import * as Y from 'yjs'
import type { ProfileName } from '../../../engine/base/enums.ts'
import { writtenEntry } from './reference/records.ts'
import { seconds } from './spec/records.ts'
import type { Json } from './views.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
type AnyType = Y.AbstractType<any>

/** A field an op wrote: the item, the field (flat names), the value, the stamp the document gives it. */
export interface ObservedWrite {
  readonly item: string
  readonly field: string
  readonly value: Json
  readonly stamp: number
}

export interface ObservedMembership {
  readonly kind: 'add' | 'remove' | 'role'
  readonly target: string
  readonly role?: string
  readonly stamp: number
}

export interface ObservedWrites {
  readonly created: string[]
  readonly writes: ObservedWrite[]
  readonly deleted: string[]
  readonly revived: string[]
  membership?: ObservedMembership
}

/** Roots whose entries are items (per document concern), and the tombstone flag of each. */
const COLLECTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  chat: { messages: 'deleted', replies: 'deleted' },
  kanban: { cards: 'archived', column_meta: 'deleted' },
  issues: { issues: 'closed' },
  canvas: { elements: 'deleted' },
  core: { members: 'deleted' },
}

/** The name a type has in its parent: a root's name, or the key of the entry that holds it. */
function nameOf(t: AnyType): string | undefined {
  const item = t._item
  if (item === null) return t.doc ? Y.findRootTypeKey(t) : undefined
  return item.parentSub ?? undefined
}

/** One entry an op's update wrote: the Item of the map or array it went into (null: a root), the key, the value. */
interface Written {
  readonly parent: Y.Item | null
  readonly root?: AnyType
  readonly parentSub: string | null
  readonly value: unknown
}

/**
 * The entries of a local update, decoded from its bytes (what the op wrote, even if a later
 * transaction of the same op removed it): each struct's parent resolved in the document.
 */
export function writtenIn(doc: Y.Doc, update: Uint8Array): Written[] {
  const out: Written[] = []
  for (const s of Y.decodeUpdate(update).structs) {
    if (!(s instanceof Y.Item)) continue
    const c = s.content.getContent()
    const value = s.content instanceof Y.ContentType ? s.content.type : c[c.length - 1]
    const p = s.parent as unknown
    if (typeof p === 'string')
      out.push({ parent: null, root: doc.share.get(p) as AnyType, parentSub: s.parentSub, value })
    else if (p && typeof p === 'object' && 'client' in p) {
      const item = Y.getItem(doc.store, p as Y.ID)
      if (item instanceof Y.Item) out.push({ parent: item, parentSub: s.parentSub, value })
    } else {
      // An update leaves out the parent of a struct with a neighbour: it is the neighbour's (as Yjs integrates it).
      const near = s.origin ?? s.rightOrigin
      const n = near ? Y.getItem(doc.store, near) : undefined
      if (!(n instanceof Y.Item) || !(n.parent instanceof Y.AbstractType)) continue
      const type = n.parent as AnyType
      out.push({ parent: type._item, ...(type._item ? {} : { root: type }), parentSub: n.parentSub, value })
    }
  }
  return out
}

/** The collection and id of the item a map Item stands for, if it is an item of a collection. */
function itemOf(m: Y.Item | null, concern: string): [string, string] | undefined {
  if (!m) return undefined
  const parent = m.parent
  if (!(parent instanceof Y.AbstractType)) return undefined
  const coll = nameOf(parent)
  if (coll === undefined || !(coll in (COLLECTIONS[concern] ?? {}))) return undefined
  return m.parentSub === null ? undefined : [coll, m.parentSub]
}

const typeOf = (m: Y.Item | null): AnyType | undefined =>
  m?.content instanceof Y.ContentType ? m.content.type : undefined

/** Decodes an op's local updates in one document. `at` is the issuer's wall clock (ms) when it ran. */
export function opWrites(
  profile: ProfileName,
  concern: string,
  doc: Y.Doc,
  updates: readonly Uint8Array[],
  at: number,
): ObservedWrites {
  const out: ObservedWrites = { created: [], writes: [], deleted: [], revived: [] }
  const written = updates.flatMap((u) => writtenIn(doc, u))
  if (profile === 'reference') for (const w of written) referenceEntry(w, concern, out)
  else specEntries(written, concern, out, seconds(at))
  return out
}

function referenceEntry(s: Written, concern: string, out: ObservedWrites): void {
  if (s.parentSub === null) return
  const owner = itemOf(s.parent, concern)
  if (!owner) return
  const [coll, item] = owner
  const v = s.value
  if (concern === 'core' && coll === 'members') {
    const e = v as { k?: string; r?: string; s?: number }
    if (e && (e.k === 'add' || e.k === 'remove' || e.k === 'role') && typeof e.s === 'number')
      out.membership = {
        kind: e.k,
        target: item.slice(0, item.indexOf('~')),
        ...(e.r ? { role: e.r } : {}),
        stamp: e.s,
      }
    return
  }
  const w = writtenEntry(s.parentSub, v)
  if (w.kind === 'create') {
    out.created.push(item)
    for (const [field, value] of Object.entries(w.fields)) out.writes.push({ item, field, value, stamp: w.stamp })
  } else if (w.kind === 'field') {
    const comment = /^comment:(.+):([^:]+)$/.exec(w.field)
    if (comment) {
      if (comment[2] === 'id') out.created.push(comment[1]!)
      out.writes.push({ item: comment[1]!, field: comment[2]!, value: w.value, stamp: w.stamp })
    } else out.writes.push({ item, field: w.field, value: w.value, stamp: w.stamp })
  } else if (w.kind === 'delete') out.deleted.push(item)
  else if (w.kind === 'revive') out.revived.push(item)
}

/** The spec layout: keys of item maps; a new item map under a collection is a creation. */
function specEntries(written: readonly Written[], concern: string, out: ObservedWrites, now: number): void {
  const byItem = new Map<string, { fields: Record<string, Json>; flag: string; pushed: boolean }>()
  for (const s of written) {
    const v = s.value
    const parentType = s.parent ? typeOf(s.parent) : s.root
    // A new item: a map set under a collection (messages, cards, issues, elements) or pushed into one
    // (columns, comments; named by their `id` below).
    if (v instanceof Y.Map) {
      const name = parentType ? nameOf(parentType) : undefined
      if (name !== undefined && name in (COLLECTIONS[concern] ?? {}) && s.parentSub !== null && concern !== 'core')
        out.created.push(s.parentSub)
      continue
    }
    // Nested types (card_order, comments, reactions, ack_vector) are structure, not field values.
    if (s.parentSub === null || v instanceof Y.AbstractType || !s.parent) continue
    // data.k of a spec canvas element: its `data` map's keys.
    const data = s.parent.parentSub === 'data' ? ((s.parent.parent as AnyType | null)?._item ?? null) : null
    const holder = data ?? s.parent
    const owner = itemOf(holder, concern) ?? arrayElement(holder)
    if (!owner) continue
    const key = `${owner[0]}\u0000${owner[1]}`
    const entry = byItem.get(key) ?? {
      fields: {} as Record<string, Json>,
      flag: COLLECTIONS[concern]?.[owner[0]] ?? '\u0000',
      pushed: owner[0] === 'columns' || owner[0] === 'comments',
    }
    entry.fields[data ? `data.${s.parentSub}` : s.parentSub] = v as Json
    byItem.set(key, entry)
  }
  for (const [key, { fields, flag, pushed }] of byItem) {
    const item = key.slice(key.indexOf('\u0000') + 1)
    if (pushed && 'id' in fields && !out.created.includes(item)) out.created.push(item)
    const stamp = typeof fields.updated_at === 'number' ? fields.updated_at : now
    if (concern === 'core') {
      specMembership(item, fields, now, out)
      continue
    }
    if (fields[flag] === true) out.deleted.push(item)
    else if (fields[flag] === false && !out.created.includes(item)) out.revived.push(item)
    for (const [field, value] of Object.entries(fields))
      if (field !== flag && field !== `${flag}_at` && field !== 'ack_vector')
        out.writes.push({ item, field, value, stamp })
  }
}

/** A column or comment map inside an array: named by its `id`. */
function arrayElement(m: Y.Item): [string, string] | undefined {
  const arr = m.parent
  const el = typeOf(m)
  if (!(el instanceof Y.Map) || !(arr instanceof Y.Array)) return undefined
  const name = nameOf(arr)
  const id = el.get('id')
  return (name === 'columns' || name === 'comments') && typeof id === 'string' ? [name, id] : undefined
}

/** The spec's member upsert (add), role write, or removal, from the MemberData keys it set. */
function specMembership(target: string, f: Record<string, Json>, now: number, out: ObservedWrites): void {
  if (f.deleted === true) out.membership = { kind: 'remove', target, stamp: now }
  else if (f.joined_at !== undefined)
    out.membership = { kind: 'add', target, ...(typeof f.role === 'string' ? { role: f.role } : {}), stamp: now }
  else if (typeof f.role === 'string') out.membership = { kind: 'role', target, role: f.role, stamp: now }
}
