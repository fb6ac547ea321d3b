/** Canvas under both profiles: element round trips, convergence, metadata, tombstones, input checks. */
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { labErrorOf } from './labErrorOf.ts'
import { addShape, CANVAS, canvasTrio, element, G, list, PEERS, storedIds } from './canvasNet.ts'
import { PROFILE_NAMES } from '../../src/engine/base/enums.ts'

describe.each(PROFILE_NAMES)('canvas (%s)', (profile) => {
  it('adds, updates and deletes elements; every replica converges on the same document', () => {
    const net = canvasTrio(profile)
    const a = net.r('alice').execute('canvas.add', G, { elementType: 'text', x: 1, y: 2, width: 30, height: 40 })
      .createdId!
    net.get('bob').clock.advance(1000)
    const b = addShape(net, 'bob')
    net.settle()
    net.r('carol').execute('canvas.update', G, {
      element: a,
      fields: { x: 5.5, rotation: 90, z_index: 7, data: { text: 'hello', size: 12, bold: true } },
    })
    net.r('carol').execute('canvas.delete', G, { element: b })
    net.settle()
    for (const p of PEERS) {
      expect(net.r(p).query('canvas.elements', G)).toBe(1)
      expect(element(net, p, a)).toMatchObject({
        id: a,
        element_type: 'text',
        x: 5.5,
        y: 2,
        width: 30,
        height: 40,
        rotation: 90,
        z_index: 7,
        data: { text: 'hello', size: 12, bold: true },
        deleted: false,
        deleted_at: 0,
      })
      expect(net.r(p).docJSON(CANVAS)).toEqual(net.r('alice').docJSON(CANVAS))
    }
    const el = element(net, 'alice', a)!
    expect(el.updated_at).toBeGreaterThanOrEqual(el.created_at)
  })

  it('writes the metadata defaults with the first write of the canvas document', () => {
    const net = canvasTrio(profile)
    expect(net.r('alice').query('canvas.metadata', G)).toEqual({})
    addShape(net, 'bob')
    net.settle()
    for (const p of PEERS)
      expect(net.r(p).query('canvas.metadata', G)).toEqual({ width: 1920, height: 1080, background_color: '#ffffff' })
  })

  it('keeps concurrent edits of different fields and of different data keys', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice')
    net.settle()
    net.r('alice').execute('canvas.update', G, { element: a, fields: { x: 111, data: { fill: 'red' } } })
    net.r('bob').execute('canvas.update', G, { element: a, fields: { y: 222, data: { stroke: 'blue' } } })
    net.settle()
    for (const p of PEERS)
      expect(element(net, p, a)).toMatchObject({ x: 111, y: 222, data: { fill: 'red', stroke: 'blue' } })
  })

  it('stacks new elements on top, and a null data value removes the key', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice')
    const b = addShape(net, 'alice')
    net.r('alice').execute('canvas.update', G, { element: a, fields: { data: { text: 'x', keep: 1 } } })
    net.r('alice').execute('canvas.update', G, { element: a, fields: { data: { text: null } } })
    net.settle()
    expect(list(net, 'carol').map((el) => el.id)).toEqual([a, b])
    expect(element(net, 'carol', a)!.data).toEqual({ keep: 1 })
  })

  it('prunes a canvas tombstone through the shared ack machinery', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice')
    net.settle()
    const pruned: string[] = []
    net.r('bob').events.on((ev) => ev.type === 'prune' && ev.docId === CANVAS && pruned.push(ev.item))
    net.r('alice').execute('canvas.delete', G, { element: a })
    net.settle()
    net.antiEntropy(G)
    expect(pruned).toEqual([a])
    for (const p of PEERS) expect(storedIds(net, p)).toEqual([])
  })

  it('exists for every entity type', () => {
    for (const entity of ['channel:c', 'project:p', 'organization:o']) {
      const net = new SmallWorld({ profile })
      net.add('alice')
      net.r('alice').createEntity(entity, {})
      net.r('alice').execute('canvas.add', entity, { elementType: 'chart', x: 0, y: 0, width: 1, height: 1 })
      expect(net.r('alice').query('canvas.elements', entity)).toBe(1)
    }
  })

  it('rejects bad input with typed errors naming the argument, and writes nothing', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice')
    net.settle()
    const before = net.r('alice').encodeState(CANVAS)
    const add = (args: Record<string, unknown>) =>
      labErrorOf(() =>
        net.r('alice').execute('canvas.add', G, { elementType: 'shape', x: 0, y: 0, width: 1, height: 1, ...args }),
      )
    const upd = (fields: unknown, element = a) =>
      labErrorOf(() => net.r('alice').execute('canvas.update', G, { element, fields }))
    expect(add({ elementType: 'circle' })).toMatchObject({ code: 'INVALID_ARG', path: 'args.elementType' })
    expect(add({ x: Number.NaN })).toMatchObject({ code: 'INVALID_ARG', path: 'args.x' })
    expect(add({ width: -1 })).toMatchObject({ code: 'INVALID_ARG', path: 'args.width' })
    expect(add({ colour: 'red' })).toMatchObject({ code: 'INVALID_ARG', path: 'args.colour' })
    expect(upd({ x: Number.POSITIVE_INFINITY })).toMatchObject({ code: 'INVALID_ARG', path: 'args.fields.x' })
    expect(upd({ z_index: 1.5 })).toMatchObject({ code: 'INVALID_ARG', path: 'args.fields.z_index' })
    expect(upd({ element_type: 'text' })).toMatchObject({ code: 'INVALID_ARG', path: 'args.fields.element_type' })
    expect(upd({ data: { nested: { no: 1 } } })).toMatchObject({ code: 'INVALID_ARG', path: 'args.fields.data.nested' })
    expect(upd({ x: 1, y: '2' })).toMatchObject({ code: 'INVALID_ARG', path: 'args.fields.y' })
    expect(upd({})).toMatchObject({ code: 'INVALID_ARG', path: 'args.fields' })
    expect(upd({ x: 1 }, 'nope')).toMatchObject({ code: 'NOT_FOUND' })
    expect(labErrorOf(() => net.r('alice').execute('canvas.undo', G, { steps: 2 }))).toMatchObject({
      code: 'INVALID_ARG',
    })
    expect(labErrorOf(() => net.r('alice').execute('canvas.cursor', G, { x: 1 }))).toMatchObject({
      code: 'INVALID_ARG',
      path: 'args.y',
    })
    expect(net.r('alice').encodeState(CANVAS)).toEqual(before)
    net.r('alice').execute('canvas.delete', G, { element: a })
    expect(labErrorOf(() => net.r('alice').execute('canvas.delete', G, { element: a }))).toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})
