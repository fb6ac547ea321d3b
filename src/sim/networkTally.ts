/**
 * The network's counters and the journal records of what became of each transmission: sent,
 * delivered, dropped (and why), duplicated, damaged, and how many are still in flight.
 */
import type { Journal } from './journal.ts'
import type { Delivery } from './link.ts'

export type DropReason = 'loss' | 'partition' | 'offline'

export interface NetworkStats {
  /** Messages handed to `send`. */
  readonly sent: number
  /** Transmissions handed to recipients, copies and damaged ones included. */
  readonly delivered: number
  readonly dropped: number
  readonly droppedBy: Readonly<Record<DropReason, number>>
  readonly duplicated: number
  readonly corrupted: number
  /** Transmissions neither delivered nor dropped yet (travelling or waiting on a link). */
  readonly inFlight: number
}

/** Counts a network's transmissions and journals their fates. */
export class NetworkTally {
  readonly counts = { sent: 0, delivered: 0, duplicated: 0, corrupted: 0, inFlight: 0 }
  private readonly drops: Record<DropReason, number> = { loss: 0, partition: 0, offline: 0 }

  constructor(
    private readonly journal: Journal | undefined,
    private readonly now: () => number,
  ) {}

  /** A transmission reached its recipient. */
  delivered(d: Delivery): void {
    this.counts.delivered++
    this.counts.inFlight--
    this.journal?.append(this.now(), 'deliver', { id: d.id, copy: d.copy })
  }

  /** A transmission in flight was lost. */
  drop(d: Delivery, reason: DropReason): void {
    this.drops[reason]++
    this.counts.inFlight--
    this.journal?.append(this.now(), 'drop', { id: d.id, copy: d.copy, reason })
  }

  /** A message never left its sender; returns its id. */
  dropAtSend(id: number, reason: DropReason): number {
    this.drops[reason]++
    this.journal?.append(this.now(), 'drop', { id, copy: false, reason })
    return id
  }

  /** Counters so far (a copy). */
  get stats(): NetworkStats {
    const droppedBy = { ...this.drops }
    const dropped = droppedBy.loss + droppedBy.partition + droppedBy.offline
    return { ...this.counts, dropped, droppedBy }
  }
}
