/**
 * Raw Yjs figures of the scalability table: how many items a document holds before its encoded
 * (V1) state passes the spec's size limit. The document grows with the same records as the
 * memory table; instead of encoding after every item, growth jumps by 90% of the estimated room
 * left (from the bytes per item so far), then creeps in steps of 0.2% of the count, so the
 * answer is exact to within that step at a few dozen encodings.
 */
import * as Y from 'yjs'
import { KANBAN_COLUMNS, Workload } from '../workloads.ts'
import {
  addCard,
  addIssue,
  addMember,
  asClient,
  clientOf,
  newDoc,
  sendMessage,
  writeColumns,
  writeMetadata,
} from './documents.ts'

/** Something that grows one item at a time. */
export interface Grower {
  add(): void
  size(): number
}

/** Largest item count whose encoded size is at most `limit`, to within 0.2% (see above). */
export function itemsWithin(limit: number, grower: Grower): number {
  let count = 0
  let lastFit = 0
  for (;;) {
    const size = count === 0 ? 0 : grower.size()
    if (size > limit) return lastFit
    lastFit = count
    const perItem = count === 0 ? 0 : size / count
    // The first probe is small so tiny limits still get an answer.
    const room = perItem === 0 ? 10 : Math.floor(((limit - size) / perItem) * 0.9)
    const step = Math.max(room, Math.ceil(count * 0.002), 1)
    for (let i = 0; i < step; i++) grower.add()
    count += step
  }
}

const sizeOf = (doc: Y.Doc) => (): number => Y.encodeStateAsUpdate(doc).byteLength

/** Growers per concern, writing the spec's records with raw Yjs. */
export const GROWERS = {
  core(): Grower {
    const w = new Workload('bench:scale:core')
    const doc = newDoc(1)
    asClient(doc, 1, () => writeMetadata(doc, w))
    let next = 0
    return {
      add: () => {
        const m = next < w.members.length ? w.members[next]! : w.member()
        next++
        addMember(doc, m, 1)
      },
      size: sizeOf(doc),
    }
  },
  chat(): Grower {
    const w = new Workload('bench:scale:chat')
    const doc = newDoc(1)
    return {
      add: () => {
        const m = w.message()
        sendMessage(doc, m, clientOf(w, m.author))
      },
      size: sizeOf(doc),
    }
  },
  kanban(): Grower {
    const w = new Workload('bench:scale:kanban')
    const doc = newDoc(1)
    asClient(doc, 1, () => writeColumns(doc))
    return {
      add: () => {
        const c = w.card(KANBAN_COLUMNS)
        addCard(doc, c, clientOf(w, c.assignee))
      },
      size: sizeOf(doc),
    }
  },
  issues(): Grower {
    const w = new Workload('bench:scale:issues')
    const doc = newDoc(1)
    return {
      add: () => {
        const i = w.issue()
        addIssue(doc, i, clientOf(w, i.reporter))
      },
      size: sizeOf(doc),
    }
  },
} as const

export type ScalableKind = keyof typeof GROWERS

/** Items of `kind` that fit in `limit` bytes. */
export const itemsFitting = (kind: ScalableKind, limit: number): number => itemsWithin(limit, GROWERS[kind]())
