import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Scheduler, type ScheduledEvent } from '../../src/sim/scheduler.ts'

type Events = { tick: number; note: string }

const drain = (s: Scheduler<Events>): Array<ScheduledEvent<Events>> => {
  const out: Array<ScheduledEvent<Events>> = []
  for (let e = s.next(); e !== undefined; e = s.next()) out.push(e)
  return out
}

describe('Scheduler', () => {
  it('takes events in time order and moves the clock to each', () => {
    const s = new Scheduler<Events>()
    s.schedule(30, 'tick', 3)
    s.schedule(10, 'tick', 1)
    s.schedule(20, 'note', 'b')
    const seen = drain(s).map((e) => [e.at, e.payload])
    expect(seen).toEqual([
      [10, 1],
      [20, 'b'],
      [30, 3],
    ])
    expect(s.now).toBe(30)
    expect(s.size).toBe(0)
  })

  it('runs events due at the same time in insertion order', () => {
    const s = new Scheduler<Events>()
    for (let i = 0; i < 50; i++) s.schedule(i % 2 === 0 ? 5 : 7, 'tick', i)
    const order = drain(s).map((e) => e.payload)
    expect(order).toEqual([
      ...Array.from({ length: 25 }, (_, i) => 2 * i),
      ...Array.from({ length: 25 }, (_, i) => 2 * i + 1),
    ])
  })

  it('orders any schedule by (time, insertion) (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const s = new Scheduler<Events>()
        times.forEach((t, i) => s.schedule(t, 'tick', i))
        const got = drain(s).map((e) => e.payload)
        const want = times
          .map((t, i) => [t, i] as const)
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .map(([, i]) => i)
        expect(got).toEqual(want)
      }),
    )
  })

  it('cancels by handle, once', () => {
    const s = new Scheduler<Events>()
    const a = s.schedule(1, 'tick', 1)
    s.schedule(2, 'tick', 2)
    expect(s.cancel(a)).toBe(true)
    expect(s.cancel(a)).toBe(false)
    expect(s.size).toBe(1)
    expect(drain(s).map((e) => e.payload)).toEqual([2])
    const b = s.schedule(3, 'tick', 3)
    s.next()
    expect(s.cancel(b)).toBe(false)
  })

  it('keeps order while sweeping many cancelled events', () => {
    const s = new Scheduler<Events>()
    const handles = Array.from({ length: 5000 }, (_, i) => s.schedule(i, 'tick', i))
    handles.forEach((h, i) => i % 3 !== 0 && s.cancel(h))
    const got = drain(s).map((e) => e.payload)
    expect(got).toEqual(Array.from({ length: 5000 }, (_, i) => i).filter((i) => i % 3 === 0))
  })

  it('refuses to schedule in the past', () => {
    const s = new Scheduler<Events>(100)
    expect(() => s.schedule(99, 'tick', 0)).toThrow(RangeError)
    expect(() => s.schedule(Number.NaN, 'tick', 0)).toThrow(RangeError)
    expect(s.after(5, 'tick', 0).at).toBe(105)
  })

  it('runUntil a time runs every event due by then and sets the clock to it', () => {
    const s = new Scheduler<Events>()
    ;[5, 10, 15].forEach((t) => s.schedule(t, 'tick', t))
    const seen: number[] = []
    const out = s.runUntil(10, (e) => seen.push(e.at))
    expect(out).toEqual({ stop: 'time', events: 2 })
    expect(seen).toEqual([5, 10])
    expect(s.now).toBe(10)
    expect(s.runUntil(40, () => {})).toEqual({ stop: 'time', events: 1 })
    expect(s.now).toBe(40)
    s.schedule(50, 'tick', 0)
    expect(s.runUntil(Infinity, () => {})).toEqual({ stop: 'drained', events: 1 })
    expect(s.now).toBe(50)
  })

  it('runUntil a predicate, reporting drain and the event bound', () => {
    const s = new Scheduler<Events>()
    // A self-perpetuating timer: without a bound this would never end.
    const handle = (e: ScheduledEvent<Events>): void => {
      if (e.kind === 'tick') s.after(10, 'tick', e.payload + 1)
    }
    s.schedule(0, 'tick', 0)
    expect(s.runUntil((x) => x.now >= 50, handle)).toEqual({ stop: 'predicate', events: 6 })
    expect(s.runUntil(() => false, handle, { maxEvents: 100 })).toEqual({ stop: 'maxEvents', events: 100 })
    s.clear()
    expect(s.runUntil(() => false, handle)).toEqual({ stop: 'drained', events: 0 })
  })

  it('narrows events by kind', () => {
    const s = new Scheduler<Events>()
    s.schedule(0, 'note', 'x')
    const e = s.next()!
    if (e.kind === 'note') expect(e.payload.toUpperCase()).toBe('X')
  })

  it('jump postpones pending events by the same amount', () => {
    const s = new Scheduler<Events>()
    s.schedule(10, 'tick', 1)
    s.schedule(20, 'tick', 2)
    s.jump(1000)
    expect(s.now).toBe(1000)
    expect(drain(s).map((e) => e.at)).toEqual([1010, 1020])
  })
})
