/** The canvas size limit: a write that would pass it is refused, changes nothing; the estimate bounds real growth. */
import { describe, expect, it } from 'vitest'
import { labErrorOf } from './labErrorOf.ts'
import { addShape, CANVAS, canvasTrio, G } from './canvasNet.ts'
import { DEFAULT_CANVAS_LIMIT_BYTES } from '../../src/engine/concerns/canvas/sizeLimit.ts'
import type { SmallWorld } from '../../src/sim/smallWorld.ts'
import { PROFILE_NAMES } from '../../src/engine/base/enums.ts'

const bytes = (net: SmallWorld, peer: string) => net.r(peer).encodeState(CANVAS)
/** Runs `fn` with alice's canvas limit set to `limit` (the config is fixed at creation; tests reach past it). */
function withLimit<T>(net: SmallWorld, limit: number, fn: () => T): T {
  const sessions = net.r('alice').canvas as { limitBytes: number }
  const kept = sessions.limitBytes
  sessions.limitBytes = limit
  try {
    return fn()
  } finally {
    sessions.limitBytes = kept
  }
}

const write = (net: SmallWorld, id: string, text: string) =>
  net.r('alice').execute('canvas.update', G, { element: id, fields: { data: { text } } })

describe.each(PROFILE_NAMES)('canvas size limit (%s)', (profile) => {
  it(
    'refuses the write that would pass a small configured limit, changes ' + 'nothing, and smaller writes still work',
    () => {
      const net = canvasTrio(profile, { config: { canvasLimitBytes: 4096 } })
      const a = addShape(net, 'alice')
      const before = bytes(net, 'alice')
      const err = labErrorOf(() => write(net, a, 'x'.repeat(4000)))
      expect(err).toMatchObject({ code: 'SIZE_LIMIT', path: CANVAS })
      expect(err.message).toContain(CANVAS)
      expect(err.details).toMatchObject({ docId: CANVAS, currentBytes: before.byteLength, limitBytes: 4096 })
      expect(err.details!.writeBytes).toBeGreaterThan(4000)
      expect(bytes(net, 'alice')).toEqual(before)
      expect(
        net
          .r('alice')
          .drainOutbox()
          // to the topic, or (the reference: to each member that may read) to bob
          .filter((env) => env.docId === CANVAS && (env.to === '*' || env.to === 'bob')),
      ).toHaveLength(1) // only the add's update
      write(net, a, 'y'.repeat(100))
      net.settle()
      expect(net.r('bob').query('canvas.list', G)).toMatchObject([{ data: { text: 'y'.repeat(100) } }])
    },
  )

  it('refuses an undo that would pass the limit; it changes nothing, its history included', () => {
    const net = canvasTrio(profile)
    const a = addShape(net, 'alice')
    write(net, a, 'x'.repeat(2000))
    write(net, a, 'y')
    const before = bytes(net, 'alice')
    withLimit(net, before.byteLength + 400, () => {
      expect(labErrorOf(() => net.r('alice').execute('canvas.undo', G))).toMatchObject({ code: 'SIZE_LIMIT' })
      expect(bytes(net, 'alice')).toEqual(before)
    })
    net.r('alice').execute('canvas.undo', G)
    expect(net.r('alice').query('canvas.list', G)).toMatchObject([{ data: { text: 'x'.repeat(2000) } }])
  })

  it('estimates every write at or above what it really adds', () => {
    const net = canvasTrio(profile)
    expect(net.r('alice').canvas.limitBytes).toBe(DEFAULT_CANVAS_LIMIT_BYTES)
    const errors: string[] = []
    const probe = (what: string, run: () => void, estimate: number) => {
      const b0 = bytes(net, 'alice').byteLength
      run()
      const grew = bytes(net, 'alice').byteLength - b0
      if (grew > estimate) errors.push(`${what}: grew ${grew} > estimated ${estimate}`)
    }
    // A refusal reports the estimate: ask with no room at all, then run for real.
    const estimateOf = (run: () => void): number =>
      withLimit(net, 0, () => labErrorOf(run).details!.writeBytes as number)
    const add = () => addShape(net, 'alice')
    probe('first add', add, estimateOf(add))
    const id = addShape(net, 'alice')
    for (const text of ['a', 'b'.repeat(100), 'c'.repeat(5000), 'd']) {
      const run = () => write(net, id, text)
      probe(`data.text of ${text.length}`, run, estimateOf(run))
    }
    const move = () =>
      net.r('alice').execute('canvas.update', G, { element: id, fields: { x: 1.25, y: 2, z_index: 3, rotation: 45 } })
    probe('geometry', move, estimateOf(move))
    const undo = () => net.r('alice').execute('canvas.undo', G)
    for (let i = 0; i < 3; i++) probe(`undo ${i}`, undo, estimateOf(undo))
    const del = () => net.r('alice').execute('canvas.delete', G, { element: id })
    probe('delete', del, estimateOf(del))
    expect(errors).toEqual([])
  })
})
