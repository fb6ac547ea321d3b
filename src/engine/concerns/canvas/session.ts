/**
 * A replica's ephemeral canvas state per entity: the local cursor's 10 Hz throttle, the remote
 * cursors it has heard of, and the undo timeline. None of it is in a Y.Doc: cursors are
 * broadcast as CursorUpdate gossip messages and forgotten on restart, like the undo history.
 *
 * Throttle: a cursor move is sent at once when at least CURSOR_INTERVAL_MS passed since the last
 * CursorUpdate this replica sent; otherwise it replaces the pending position (moves coalesce, the
 * last one wins). The pending position goes out on the next move after the window, or on
 * `flush(now)` once the window has passed: the replica flushes before every outbox drain, and a
 * simulator that wants the trailing position on time wakes the replica at `dueAt()`. So at most
 * one CursorUpdate per 100 ms (10 per second) leaves a peer, and the last position always does.
 * While the replica is offline its outbox drops them: a cursor is worth nothing once stale.
 */
import { LabError } from '../../base/errors.ts'
import type { DocId, EntityId, MemberId } from '../../base/ids.ts'
import { formatDocId, parseDocId } from '../../base/ids.ts'
import { encodeCanvasGossip } from './gossip.ts'
import { DEFAULT_CANVAS_LIMIT_BYTES } from './sizeLimit.ts'
import type { Envelope } from '../../sync/envelope.ts'
import type { Timeline, CanvasCursor, CanvasSessionPort, CanvasSessionsPort } from '../../ports/canvasSession.ts'

/** Minimum spacing of a peer's CursorUpdate messages: 10 Hz. */
export const CURSOR_INTERVAL_MS = 100

/** One entity's ephemeral canvas state on one replica. */
export class CanvasSession implements CanvasSessionPort {
  readonly timeline: Timeline = { undo: [], redo: [] }
  private lastSent = Number.NEGATIVE_INFINITY
  private pending: { x: number; y: number } | undefined
  private readonly remote = new Map<MemberId, CanvasCursor>()

  constructor(
    readonly docId: DocId,
    private readonly member: MemberId,
    private readonly send: (message: Uint8Array) => void,
  ) {}

  /** The local cursor moved. Returns whether a CursorUpdate was sent now (else it is pending). */
  moveCursor(x: number, y: number, now: number): boolean {
    this.pending = { x, y }
    return this.flush(now)
  }

  /** Sends the pending position if the throttle window has passed. */
  flush(now: number): boolean {
    if (!this.pending) return false
    // A clock that jumped back (skew) must not silence the cursor until it catches up.
    if (now < this.lastSent + CURSOR_INTERVAL_MS && now >= this.lastSent) return false
    const { x, y } = this.pending
    this.pending = undefined
    this.lastSent = now
    this.send(encodeCanvasGossip({ kind: 'cursor', cursor: { member: this.member, x, y, t: now } }))
    return true
  }

  /** When a pending position may go out, or undefined when none is pending. */
  dueAt(): number | undefined {
    return this.pending ? this.lastSent + CURSOR_INTERVAL_MS : undefined
  }

  /** Records a remote cursor; an older one (by its sender's clock) than the one held is ignored. */
  receiveCursor(c: CanvasCursor): boolean {
    const held = this.remote.get(c.member)
    if (held && held.t > c.t) return false
    this.remote.set(c.member, c)
    return true
  }

  /** Remote cursors by member, sorted by member id. */
  cursors(): Record<MemberId, CanvasCursor> {
    return Object.fromEntries([...this.remote.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
  }
}

/** What the replica gives its canvas sessions. */
export interface CanvasSessionsOptions {
  readonly member: MemberId
  /** Size limit of every canvas document (bytes). */
  readonly limitBytes?: number
  /** Puts an envelope in the replica's outbox (dropped while offline: cursors are ephemeral). */
  readonly send: (env: Envelope) => void
}

/** The canvas sessions of one replica, one per entity, created on first use. */
export class CanvasSessions implements CanvasSessionsPort {
  readonly limitBytes: number
  private readonly sessions = new Map<EntityId, CanvasSession>()

  constructor(private readonly options: CanvasSessionsOptions) {
    this.limitBytes = options.limitBytes ?? DEFAULT_CANVAS_LIMIT_BYTES
  }

  of(entityId: EntityId): CanvasSession {
    let s = this.sessions.get(entityId)
    if (!s) {
      const docId = formatDocId(entityId, 'canvas')
      s = new CanvasSession(docId, this.options.member, (message) =>
        this.options.send({ to: '*', entityId, docId, message, kind: 'cursor' }),
      )
      this.sessions.set(entityId, s)
    }
    return s
  }

  /** Sends every pending cursor whose window has passed. */
  flush(now: number): number {
    let n = 0
    for (const s of this.sessions.values()) if (s.flush(now)) n++
    return n
  }

  /** The earliest time a pending cursor may go out (for a simulator's wake-up), or undefined. */
  dueAt(): number | undefined {
    const due = [...this.sessions.values()].map((s) => s.dueAt()).filter((t): t is number => t !== undefined)
    return due.length > 0 ? Math.min(...due) : undefined
  }

  /**
   * Records a CursorUpdate that `from` sent for `docId`. A cursor must be its sender's own, and its
   * sender an active member (`isActive`): FORBIDDEN otherwise.
   */
  receive(docId: DocId, from: MemberId, c: CanvasCursor, isActive: (member: MemberId) => boolean): boolean {
    if (c.member !== from)
      throw new LabError('FORBIDDEN', `${from} sent a cursor of ${c.member} for ${docId}`, { path: docId })
    if (!isActive(from))
      throw new LabError('FORBIDDEN', `${from} is not an active member of ${docId}; its cursor is ignored`, {
        path: docId,
      })
    return this.of(parseDocId(docId).entityId).receiveCursor(c)
  }
}
