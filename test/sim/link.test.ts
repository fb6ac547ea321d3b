import { describe, expect, it } from 'vitest'
import { Delivery, Link } from '../../src/sim/link.ts'

/** A transmission on `link` sent at `now` with `latency`, tracked as the network does. */
function send(link: Link, id: number, now: number, latency: number): Delivery {
  const d = new Delivery(
    id,
    false,
    link.from,
    link.to,
    't',
    'k',
    Uint8Array.of(id),
    1,
    now,
    latency,
    null,
    link.dueAt(now, latency),
    link,
  )
  link.track(d)
  return d
}

describe('Link (FIFO)', () => {
  it('hands over only the head; a later message that arrives first waits and goes again after it', () => {
    // Regression (found by the FIFO property): d1 waits out a second hold while d2, released
    // earlier, is still on the wire; after the heal d2 reaches the end first.
    const link = new Link('a', 'b', true)
    link.hold()
    const d1 = send(link, 1, 0, 34)
    const d2 = send(link, 2, 0, 104)
    expect([link.arrive(d1), link.arrive(d2)]).toEqual(['wait', 'wait'])
    expect(link.release(104).map((d) => [d.id, d.dueAt])).toEqual([
      [1, 138],
      [2, 208],
    ])
    link.hold()
    expect(link.arrive(d1)).toBe('wait')
    expect(link.release(174).map((d) => [d.id, d.dueAt])).toEqual([[1, 208]])
    expect(link.arrive(d2)).toBe('wait') // due at the same time, scheduled earlier
    expect(link.flush(208)).toEqual([])
    expect(link.arrive(d1)).toBe('handover')
    expect(link.flush(208)).toEqual([d2])
    expect(d2.dueAt).toBe(208)
    expect(link.arrive(d2)).toBe('handover')
  })

  it('never lets a later message be due before an earlier one', () => {
    const link = new Link('a', 'b', true)
    expect([send(link, 1, 0, 50).dueAt, send(link, 2, 10, 5).dueAt, send(link, 3, 60, 1).dueAt]).toEqual([50, 50, 61])
  })

  it('a cut loses the waiting messages and those still on the wire', () => {
    const link = new Link('a', 'b', true)
    link.hold()
    const d1 = send(link, 1, 0, 5)
    const d2 = send(link, 2, 0, 50)
    link.arrive(d1)
    expect(link.cut()).toEqual([d1])
    expect(link.arrive(d2)).toBe('cut')
    link.repair()
    const d3 = send(link, 3, 60, 5)
    expect(link.arrive(d3)).toBe('handover')
  })
})

describe('Link (reorder)', () => {
  it('holds arrivals and releases each with its own latency', () => {
    const link = new Link('a', 'b', false)
    link.hold()
    const slow = send(link, 1, 0, 90)
    const fast = send(link, 2, 0, 10)
    expect(fast.dueAt).toBe(10)
    expect([link.arrive(fast), link.arrive(slow)]).toEqual(['wait', 'wait'])
    expect(link.release(100).map((d) => [d.id, d.dueAt])).toEqual([
      [2, 110],
      [1, 190],
    ])
    expect(link.arrive(fast)).toBe('handover')
  })
})
