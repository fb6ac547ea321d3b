/**
 * Virtual clock and event queue of a simulated world.
 *
 * A binary min-heap ordered by (time, sequence number): events due at the same virtual
 * millisecond run in the order they were scheduled, so a run depends only on the seed. The
 * clock only moves when an event is taken (`next`), when a run reaches its time limit, or on
 * `jump`; it never goes backwards.
 *
 * The event map `M` names each kind of event and its payload, e.g.
 * `Scheduler<{ deliver: Delivery; step: Step }>`; `next()` then returns a union that narrows on
 * `kind`.
 */

/** An event taken from the queue: a union over the kinds of `M`, narrowed by `kind`. */
export type ScheduledEvent<M> = {
  [K in keyof M & string]: { readonly at: number; readonly seq: number; readonly kind: K; readonly payload: M[K] }
}[keyof M & string]

/** Opaque handle of a scheduled event, for `cancel`. */
export interface EventHandle {
  readonly at: number
  readonly seq: number
}

/** What ends `runUntil`. */
export type RunLimit<M> = number | ((scheduler: Scheduler<M>) => boolean)

export interface RunOptions {
  /** Stop after this many events (a liveness bound: a run that would not end reports it). Default: no bound. */
  readonly maxEvents?: number
}

/**
 * Why `runUntil` returned: `time` the limit time was reached (the clock now reads it),
 * `predicate` the predicate held, `drained` the queue emptied first, `maxEvents` the bound was hit.
 */
export interface RunOutcome {
  readonly stop: 'time' | 'predicate' | 'drained' | 'maxEvents'
  /** Events handled by this call. */
  readonly events: number
}

const PENDING = 0
const DONE = 1
const CANCELLED = 2

/** One queue entry; a single class keeps the heap monomorphic for V8. */
class Entry {
  constructor(
    public at: number,
    readonly seq: number,
    readonly kind: string,
    readonly payload: unknown,
    public state: number = PENDING,
  ) {}
}

const before = (a: Entry, b: Entry): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq)

/** Virtual clock plus event queue; `M` maps each event kind to its payload type. */
export class Scheduler<M> {
  private heap: Entry[] = []
  private seq = 0
  private live = 0
  /** Cancelled entries still in the heap. */
  private dead = 0
  private clock: number

  /** @param start virtual time (ms) the clock starts at; default 0. */
  constructor(start = 0) {
    this.clock = start
  }

  /** Virtual time in milliseconds. */
  get now(): number {
    return this.clock
  }

  /** Pending (not cancelled) events. */
  get size(): number {
    return this.live
  }

  /** Schedules `kind` with `payload` at virtual time `at` (not before `now`). */
  schedule<K extends keyof M & string>(at: number, kind: K, payload: M[K]): EventHandle {
    if (!(at >= this.clock) || !Number.isFinite(at)) {
      throw new RangeError(`cannot schedule ${kind} at ${at}: the clock reads ${this.clock}`)
    }
    const entry = new Entry(at, this.seq++, kind, payload)
    this.push(entry)
    this.live++
    return entry
  }

  /** Schedules `kind` `delay` ms from now. */
  after<K extends keyof M & string>(delay: number, kind: K, payload: M[K]): EventHandle {
    return this.schedule(this.clock + delay, kind, payload)
  }

  /** Cancels a pending event; returns false when it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const entry = handle as Entry
    if (entry.state !== PENDING) return false
    entry.state = CANCELLED
    this.live--
    this.dead++
    // Lazy deletion leaves cancelled entries behind; sweep them when they outnumber live ones.
    if (this.dead > 1024 && this.dead > this.live) this.compact()
    return true
  }

  /** The pending events in the order they will run (a copy, for looking at; O(n log n)). */
  pending(): { readonly at: number; readonly kind: string; readonly payload: unknown }[] {
    return this.heap
      .filter((e) => e.state === PENDING)
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map((e) => ({ at: e.at, kind: e.kind, payload: e.payload }))
  }

  /** Time of the next pending event, or undefined when none is left. */
  peekTime(): number | undefined {
    return this.top()?.at
  }

  /** Takes the next event, moving the clock to its time; undefined when the queue is empty. */
  next(): ScheduledEvent<M> | undefined {
    const entry = this.top()
    if (entry === undefined) return undefined
    this.pop()
    entry.state = DONE
    this.live--
    this.clock = entry.at
    return entry as unknown as ScheduledEvent<M>
  }

  /**
   * Runs events through `handle` until the limit: a time (every event due at or before it runs,
   * then the clock reads that time; `Infinity` runs until the queue drains) or a predicate
   * (checked before each event).
   */
  runUntil(limit: RunLimit<M>, handle: (event: ScheduledEvent<M>) => void, options: RunOptions = {}): RunOutcome {
    const max = options.maxEvents ?? Infinity
    if (Number.isNaN(limit)) throw new RangeError('cannot run until NaN')
    let events = 0
    for (;;) {
      if (typeof limit === 'function') {
        if (limit(this)) return { stop: 'predicate', events }
        if (this.live === 0) return { stop: 'drained', events }
      } else {
        const at = this.peekTime()
        if (at === undefined || at > limit) {
          // `Infinity` means "until drained": the clock stays at the last event.
          if (limit === Infinity) return { stop: 'drained', events }
          if (limit > this.clock) this.clock = limit
          return { stop: 'time', events }
        }
      }
      if (events >= max) return { stop: 'maxEvents', events }
      handle(this.next()!)
      events++
    }
  }

  /**
   * The world sleeps for `ms`: the clock moves forward and every pending event is postponed by
   * the same amount, so their order and spacing are kept (used for `advanceDays`). Shifting all
   * keys by one constant keeps the heap valid, so no re-ordering is needed.
   */
  jump(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`cannot jump by ${ms} ms`)
    this.clock += ms
    for (const entry of this.heap) entry.at += ms
  }

  /** Drops every pending event (the clock stays). */
  clear(): void {
    for (const entry of this.heap) if (entry.state === PENDING) entry.state = CANCELLED
    this.heap.length = 0
    this.live = 0
    this.dead = 0
  }

  /** The earliest pending entry, discarding cancelled ones on the way (lazy deletion). */
  private top(): Entry | undefined {
    const heap = this.heap
    while (heap.length > 0 && heap[0]!.state === CANCELLED) {
      this.pop()
      this.dead--
    }
    return heap[0]
  }

  /** Rebuilds the heap from its pending entries; a sorted array is a valid heap. */
  private compact(): void {
    const pending = this.heap.filter((e) => e.state === PENDING)
    pending.sort((a, b) => a.at - b.at || a.seq - b.seq)
    this.heap = pending
    this.dead = 0
  }

  private push(entry: Entry): void {
    const heap = this.heap
    let i = heap.length
    heap.push(entry)
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent]!
      if (!before(entry, p)) break
      heap[i] = p
      i = parent
    }
    heap[i] = entry
  }

  private pop(): void {
    const heap = this.heap
    const last = heap.pop()!
    const n = heap.length
    if (n === 0) return
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && before(heap[r]!, heap[l]!) ? r : l
      if (!before(heap[c]!, last)) break
      heap[i] = heap[c]!
      i = c
    }
    heap[i] = last
  }
}
