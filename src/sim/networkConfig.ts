/**
 * A network's settings, their defaults (the scenario format's too) and their check: a bad
 * setting is an INVALID_ARG naming it, before the network exists.
 */
import { LabError } from '../engine/base/errors.ts'

/**
 * Network settings. Defaults (`DEFAULT_NETWORK`), the scenario format's too:
 * - `latencyMs` [5, 50]: uniform integer per transmission, both ends inclusive;
 * - `drop` 0, `duplicate` 0, `corrupt` 0: probabilities per message (corruption per transmission);
 * - `reorder` true: each transmission delayed independently, so messages may overtake;
 *   false: FIFO per link;
 * - `delivery` `timed`: every transmission arrives after its latency; `scripted`: transmissions
 *   wait until the world hands one over (a scenario's `deliver` steps), until `unscript`.
 */
export interface NetworkConfig {
  readonly latencyMs: readonly [number, number]
  readonly drop: number
  readonly duplicate: number
  readonly corrupt: number
  readonly reorder: boolean
  readonly delivery: DeliveryMode
}

/** How messages reach their recipients: after their latency, or when a script says so. */
export const DELIVERY_MODES = ['timed', 'scripted'] as const
export type DeliveryMode = (typeof DELIVERY_MODES)[number]

export const DEFAULT_NETWORK: NetworkConfig = {
  latencyMs: [5, 50],
  drop: 0,
  duplicate: 0,
  corrupt: 0,
  reorder: true,
  delivery: 'timed',
}

/** Throws INVALID_ARG on a latency range or probability out of bounds. */
export function checkConfig(c: NetworkConfig): void {
  const [lo, hi] = c.latencyMs
  const ok = Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && lo <= hi
  if (!ok) throw new LabError('INVALID_ARG', `latencyMs must be two integers 0 <= min <= max, got [${lo}, ${hi}]`)
  for (const key of ['drop', 'duplicate', 'corrupt'] as const) {
    if (!(c[key] >= 0 && c[key] <= 1))
      throw new LabError('INVALID_ARG', `${key} must be a probability in [0, 1], got ${c[key]}`)
  }
}
