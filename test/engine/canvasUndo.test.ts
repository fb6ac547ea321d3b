/**
 * Canvas undo/redo: one timeline per entity per replica, undoing only the local user's operations.
 * Spec: Y.UndoManager tracking ORIGIN_LOCAL. Reference: semantic undo with fresh Lamport stamps.
 */
import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { clientKey } from '../../src/engine/base/yjsInternals.ts'
import { addShape, CANVAS, canvasTrio, element, G, list, PEERS, settleWithout, storedIds } from './canvasNet.ts'
import type { SmallWorld } from '../../src/sim/smallWorld.ts'
import { PROFILE_NAMES } from '../../src/engine/base/enums.ts'

const upd = (net: SmallWorld, peer: string, id: string, fields: Record<string, unknown>) =>
  net.r(peer).execute('canvas.update', G, { element: id, fields })
const undo = (net: SmallWorld, peer: string) => net.r(peer).execute('canvas.undo', G)
const redo = (net: SmallWorld, peer: string) => net.r(peer).execute('canvas.redo', G)
const everywhere = (net: SmallWorld, id: string) => PEERS.map((p) => element(net, p, id))

describe.each(PROFILE_NAMES)('canvas undo (%s)', (profile) => {
  it("undoes alice's change only: bob's edit stays; redo reapplies", () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice', 10, 20)
    net.settle()
    upd(net, 'alice', a, { x: 1, data: { text: 'hi' } })
    net.settle()
    upd(net, 'bob', a, { y: 2 })
    net.settle()
    const u = undo(net, 'alice')
    expect(u.writes!.map((w) => w.field)).toEqual(expect.arrayContaining(['x', 'data.text']))
    net.settle()
    for (const el of everywhere(net, a)) expect(el).toMatchObject({ x: 10, y: 2, data: {} })
    redo(net, 'alice')
    net.settle()
    for (const el of everywhere(net, a)) expect(el).toMatchObject({ x: 1, y: 2, data: { text: 'hi' } })
  })

  it("never undoes another replica's operation", () => {
    const net = canvasTrio(profile)
    addShape(net, 'bob')
    net.settle()
    expect(undo(net, 'alice').writes ?? []).toEqual([])
    net.settle()
    for (const p of PEERS) expect(net.r(p).query('canvas.elements', G)).toBe(1)
  })

  it('bob edits the same field after alice, before her undo: his value stays everywhere', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'carol', 10)
    net.settle()
    upd(net, 'alice', a, { x: 1, y: 1 })
    net.settle()
    net.get('bob').clock.advance(1000)
    upd(net, 'bob', a, { x: 2 })
    net.settle()
    undo(net, 'alice')
    net.settle()
    expect(everywhere(net, a).map((el) => [el!.x, el!.y])).toEqual([
      [2, 20],
      [2, 20],
      [2, 20],
    ])
  })

  it('bob edits the same element concurrently with her undo: every replica ends the same', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice', 10, 20)
    net.settle()
    upd(net, 'alice', a, { x: 1, y: 1 })
    net.settle()
    upd(net, 'bob', a, { x: 2 })
    undo(net, 'alice')
    net.settle()
    const els = everywhere(net, a)
    expect(els[1]).toEqual(els[0])
    expect(els[2]).toEqual(els[0])
    expect(els[0]!.y).toBe(20)
    for (const p of PEERS) expect(net.r(p).docJSON(CANVAS)).toEqual(net.r('alice').docJSON(CANVAS))
  })

  it('undo of a delete brings the element back (reference: as a new element); redo deletes it again', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice')
    net.settle()
    net.r('alice').execute('canvas.delete', G, { element: a })
    settleWithout(net, 'carol') // carol cut off holds pruning back
    expect(net.r('bob').query('canvas.elements', G)).toBe(0)
    const u = undo(net, 'alice')
    settleWithout(net, 'carol')
    // spec: Y.UndoManager restores it in place; reference: re-created under a fresh id, the old one a tombstone
    const back = profile === 'spec' ? a : u.createdId!
    if (profile === 'reference') expect(back).not.toBe(a)
    for (const p of ['alice', 'bob']) expect(list(net, p)).toEqual([expect.objectContaining({ id: back, x: 10 })])
    expect(redo(net, 'alice').deleted).toEqual([[CANVAS, back]])
    net.antiEntropy(G) // the second deletion is attested anew and pruned
    for (const p of PEERS) expect(storedIds(net, p)).toEqual([])
  })

  it('undo of an add removes the element; redo brings it back', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice')
    net.settle()
    undo(net, 'alice')
    settleWithout(net, 'carol') // carol cut off holds pruning back (reference: the undone add is a tombstone)
    for (const p of ['alice', 'bob']) expect(net.r(p).query('canvas.elements', G)).toBe(0)
    const r = redo(net, 'alice')
    net.antiEntropy(G)
    const back = profile === 'spec' ? a : r.createdId!
    for (const p of PEERS) expect(list(net, p)).toEqual([expect.objectContaining({ id: back, x: 10, y: 20 })])
  })

  it('once an undone add is pruned (reference) its redo has no effect; the spec removed it without a tombstone', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice')
    net.settle()
    undo(net, 'alice')
    net.settle()
    net.antiEntropy(G)
    for (const p of PEERS) expect(storedIds(net, p)).toEqual([])
    redo(net, 'alice')
    net.settle()
    for (const p of PEERS) expect(net.r(p).query('canvas.elements', G)).toBe(profile === 'spec' ? 1 : 0)
    if (profile === 'spec') expect(storedIds(net, 'bob')).toEqual([a])
  })

  it('a pruned element never reappears: its undo is a no-op, and the next undo reaches older entries', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice', 10)
    const b = addShape(net, 'alice', 10)
    net.settle()
    upd(net, 'alice', b, { x: 5 })
    net.r('alice').execute('canvas.delete', G, { element: a })
    net.settle()
    net.antiEntropy(G)
    for (const p of PEERS) expect(storedIds(net, p)).toEqual([b])
    undo(net, 'alice') // the delete of `a` has nothing left to undo; the update of `b` is undone
    net.settle()
    for (const p of PEERS) {
      expect(storedIds(net, p)).toEqual([b])
      expect(element(net, p, b)!.x).toBe(10)
    }
  })

  it('steps back and forth through several edits of one field', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice', 10)
    net.settle()
    for (const x of [1, 2, 3]) upd(net, 'alice', a, { x })
    const xs = (): number => element(net, 'alice', a)!.x
    const seen: number[] = []
    for (let i = 0; i < 3; i++) seen.push((undo(net, 'alice'), xs()))
    for (let i = 0; i < 3; i++) seen.push((redo(net, 'alice'), xs()))
    undo(net, 'alice')
    net.settle()
    expect(seen).toEqual([2, 1, 10, 1, 2, 3])
    for (const p of PEERS) expect(element(net, p, a)!.x).toBe(2)
  })

  it('a new local op clears what could be redone', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice', 10)
    upd(net, 'alice', a, { x: 1 })
    undo(net, 'alice')
    upd(net, 'alice', a, { y: 3 })
    expect(redo(net, 'alice').writes ?? []).toEqual([])
    expect(element(net, 'alice', a)).toMatchObject({ x: 10, y: 3 })
  })

  it('survives a document rebuild (after a rejected update) without touching a dead Y.Doc', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice', 10)
    upd(net, 'alice', a, { x: 1 })
    const r = net.r('alice')
    const md = r.docs.get(CANVAS)
    r.docs['rebuild'](md)
    expect(md.ext.has('canvas.undoManager')).toBe(false)
    undo(net, 'alice')
    // Spec: the UndoManager died with the old Y.Doc (history lost). Reference: the semantic timeline lives on.
    expect(element(net, 'alice', a)!.x).toBe(profile === 'reference' ? 10 : 1)
    upd(net, 'alice', a, { x: 7 })
    undo(net, 'alice')
    expect(element(net, 'alice', a)!.x).toBe(profile === 'reference' ? 10 : 1)
  })
})

describe('canvas undo (reference): remove-wins and stamps', () => {
  it("a concurrent delete by bob keeps the element deleted; alice's undo that did not see it re-creates it", () => {
    const net = canvasTrio('reference')
    const a = addShape(net, 'alice')
    net.settle()
    net.r('alice').execute('canvas.delete', G, { element: a })
    net.r('bob').execute('canvas.delete', G, { element: a })
    const copy = undo(net, 'alice').createdId! // alice has not seen bob's deletion
    settleWithout(net, 'carol')
    for (const p of ['alice', 'bob']) expect(list(net, p).map((el) => el.id)).toEqual([copy])
    net.antiEntropy(G)
    for (const p of PEERS) expect(storedIds(net, p)).toEqual([copy])
  })

  it("an undo never lifts another member's deletion it has seen", () => {
    const net = canvasTrio('reference')
    const a = addShape(net, 'alice')
    net.settle()
    net.r('alice').execute('canvas.delete', G, { element: a })
    net.r('bob').execute('canvas.delete', G, { element: a })
    settleWithout(net, 'carol')
    expect(undo(net, 'alice').writes ?? []).toEqual([])
    expect(net.r('alice').query('canvas.elements', G)).toBe(0)
  })

  it("a revival lifts only its own member's deletions, even one written by hand to cover another's", () => {
    const net = canvasTrio('reference')
    const a = addShape(net, 'alice')
    net.settle()
    net.r('bob').execute('canvas.delete', G, { element: a })
    settleWithout(net, 'carol')
    const doc = net.r('alice').ydoc(CANVAS)
    const frag = doc.getMap<Y.Map<unknown>>('elements').get(a)!
    const bobDeletion = [...frag.keys()].find((k) => k.startsWith('~d~'))!
    // alice is registered in the canvas document (her add), so her forged record is effective
    doc.transact(() => frag.set(`~r~${clientKey(doc.clientID)}`, [99, { [bobDeletion.slice(3)]: 9 }, 0, 'alice']))
    expect(net.r('alice').query('canvas.elements', G)).toBe(0)
  })

  it('an undo that races a prune re-creates the element: the pruned one never shows again', () => {
    // Before: alice's undo revived the element in place on her replica after carol had pruned it,
    // and it showed there until the prune arrived (a pruned element reappeared: pruneSafety).
    const net = canvasTrio('reference')
    const a = addShape(net, 'alice', 7)
    net.settle()
    upd(net, 'alice', a, { y: 3 })
    net.settle()
    net.r('alice').execute('canvas.delete', G, { element: a })
    net.r('alice').antiEntropy('bob', G) // her next sync round: alice attests her deletion (never in its own write)
    net.deliver('bob') // bob attests
    net.deliver('carol') // carol attests, holds every attestation and prunes
    expect(storedIds(net, 'carol')).toEqual([])
    const copy = undo(net, 'alice').createdId! // alice has heard nothing yet
    expect(element(net, 'alice', a)).toBeUndefined()
    net.settle()
    for (const p of PEERS) {
      expect(storedIds(net, p)).toEqual([copy])
      expect(element(net, p, copy)).toMatchObject({ x: 7, y: 3, deleted: false })
    }
    // the timeline moved to the new element: the older update of `a` now undoes on it
    undo(net, 'alice')
    net.settle()
    for (const p of PEERS) expect(element(net, p, copy)).toMatchObject({ x: 7, y: 20 })
  })

  it('undo and redo writes carry stamps greater than every stamp they saw (lww)', () => {
    const net = canvasTrio('reference')
    const a = addShape(net, 'alice', 10)
    net.settle()
    upd(net, 'alice', a, { x: 1 })
    net.settle()
    for (let i = 0; i < 5; i++) upd(net, 'bob', a, { y: i })
    net.settle()
    const seen = Math.max(
      ...Object.values(
        net.r('alice').entity(G).profile.canvas.record(net.r('alice').entity(G).read('canvas'), a)!.stamps,
      ),
    )
    const u = undo(net, 'alice')
    expect(u.writes!.length).toBeGreaterThan(0)
    for (const w of u.writes!) expect(w.stamp).toBeGreaterThan(seen)
    const r = redo(net, 'alice')
    for (const w of r.writes!) expect(w.stamp).toBeGreaterThan(u.writes![0]!.stamp)
  })
})
