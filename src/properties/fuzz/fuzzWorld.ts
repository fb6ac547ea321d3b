/**
 * The world a fuzz input lands in: a project where alice (owner), mallory (admin) and carol
 * (member) have written to every concern and settled. mallory is the sender of every input:
 * her client is registered in each document and her rights hold, so what she forges reaches
 * the layout's reads instead of being fenced. carol and alice both receive it (a record the
 * layout ignores must be ignored the same way on both).
 */
import * as Y from 'yjs'
import type { ProfileName } from '../../engine/base/enums.ts'
import type { DocId } from '../../engine/base/ids.ts'
import { encodeCanvasGossip } from '../../engine/concerns/canvas/gossip.ts'
import { digestOf } from '../../engine/replica/receive.ts'
import { encodeSyncMessage } from '../../engine/sync/messages.ts'
import { SmallWorld } from '../../sim/smallWorld.ts'

export const PROJECT = 'project:fuzz'
export const SENDER = 'mallory'
export const RECEIVERS = ['carol', 'alice'] as const

/** A real message of some kind for one document, as mallory would send it. */
export interface Sample {
  readonly docId: DocId
  readonly kind: string
  readonly bytes: Uint8Array
}

/** The settled world; `seed` varies ids and clientIDs. */
export function fuzzWorld(profile: ProfileName, seed: number): SmallWorld {
  const net = new SmallWorld({ profile, seed })
  for (const m of ['alice', SENDER, 'carol']) net.add(m)
  const a = net.r('alice')
  a.createEntity(PROJECT, { members: { [SENDER]: 'admin', carol: 'member' } })
  net.replicateEntity('alice', PROJECT)
  net.settle()
  for (const who of ['alice', SENDER]) {
    const r = net.r(who)
    const m = r.execute('chat.send', PROJECT, { content: `hello from ${who}` }).createdId!
    r.execute('chat.edit', PROJECT, { message: m, content: 'hello again' })
    r.execute('chat.react', PROJECT, { message: m, emoji: '+1' })
    const col = r.execute('kanban.addColumn', PROJECT, { title: `todo ${who}` }).createdId!
    const card = r.execute('kanban.addCard', PROJECT, { column: col, title: 'card' }).createdId!
    r.execute('kanban.updateCard', PROJECT, { card, fields: { priority: 'high' } })
    const issue = r.execute('issues.create', PROJECT, { title: 'bug' }).createdId!
    r.execute('issues.comment', PROJECT, { issue, content: 'seen it' })
    const el = r.execute('canvas.add', PROJECT, { elementType: 'shape', x: 1, y: 2, width: 3, height: 4 }).createdId!
    r.execute('canvas.update', PROJECT, { element: el, fields: { x: 5, data: { text: 'hi' } } })
    r.execute('disk.write', PROJECT, { disk: 'shared', path: `/${who}.md`, content: '# hi' })
    net.settle()
  }
  // Tombstones with acks on the way: a deleted message and an archived card.
  const m = net.r(SENDER).execute('chat.send', PROJECT, { content: 'to delete' }).createdId!
  net.settle()
  net.r('alice').execute('chat.delete', PROJECT, { message: m })
  net.settle()
  return net
}

/** Real messages of every kind, for every document of the project, as mallory sends them. */
export function samples(net: SmallWorld): Sample[] {
  const r = net.r(SENDER)
  const out: Sample[] = []
  for (const docId of r.docIds(PROJECT)) {
    const doc = r.ydoc(docId)
    const update = Y.encodeStateAsUpdate(doc)
    const stateVector = Y.encodeStateVector(doc)
    const add = (kind: string, bytes: Uint8Array) => out.push({ docId, kind, bytes })
    add('update', encodeSyncMessage({ type: 'update', update }))
    add('step2', encodeSyncMessage({ type: 'step2', update }))
    // The reference's own updates: the sender's signed entries (its unsigned ones are refused as UNSIGNED).
    const entries = r.sync.authorship?.allEntries(docId) ?? []
    if (entries.length > 0) add('signed', encodeSyncMessage({ type: 'signed', entries }))
    add('step1', encodeSyncMessage({ type: 'step1', stateVector }))
    add('digest', encodeSyncMessage(digestOf(r.docs.get(docId))))
    if (docId.endsWith(':canvas')) {
      add('gossip-operation', encodeCanvasGossip({ kind: 'operation', update }))
      add('gossip-state', encodeCanvasGossip({ kind: 'stateRequest', stateVector }))
      add('gossip-cursor', encodeCanvasGossip({ kind: 'cursor', cursor: { member: SENDER, x: 1, y: 2, t: 3 } }))
    }
  }
  return out
}
