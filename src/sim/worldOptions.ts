/**
 * What a world is made of: its options (the root generator, the profile, the peers, the network,
 * the store, the engine's settings), the failpoint crash a scenario may ask for, and the events
 * its scheduler carries. Apart from the world itself so that its parts (the wire) can name them.
 */
import type { MemberId } from '../engine/base/ids.ts'
import type { Rng } from '../engine/base/providers.ts'
import type { CrashPointName } from '../engine/fallback/config.ts'
import type { JsonObject } from './canonicalJson.ts'
import type { Delivery } from './network.ts'
import type { NetworkConfig } from './networkConfig.ts'
import type { StoreKind } from './peer.ts'
import type { Step } from './scenario/model.ts'
import type { Profile } from './scenario/schema.ts'

/** Virtual time 0 on every wall clock: 2026-01-01T00:00:00Z. */
export const EPOCH = Date.UTC(2026, 0, 1)

export interface WorldOptions {
  /** The world's root generator: every random stream of the run is a fork of it. */
  readonly rng: Rng
  readonly profile: Profile
  readonly peers: readonly MemberId[]
  readonly network: NetworkConfig & { readonly antiEntropyMs: number }
  readonly store?: StoreKind
  /** The engine's settings, and the scenario's `crashAfter` (a `FailpointCrash`). */
  readonly engineConfig?: Record<string, unknown>
}

/** The events of a world's scheduler, by kind. */
export type WorldEvents = {
  step: Step
  deliver: Delivery
  antiEntropy: MemberId
  tick: { readonly step: Step & { kind: 'random' }; readonly n: number }
  /** A replica asked to be woken (a throttled canvas cursor is due). */
  wake: MemberId
  /** A restart the world booked when it crashed a peer (`crash` with `restartAfterMs`). */
  restart: MemberId
}

/**
 * A scenario's `config.crashAfter`: the peer's replica crashes the first time its SQL fallback
 * passes the failpoint (after the archive write, or after the CRDT removal), as a power cut in
 * the middle of a materialization would, and restarts a little later on its store. The failpoint
 * is armed on the peer's first replica only, so the restarted replica redoes the work and goes on.
 */
export interface FailpointCrash {
  readonly peer: MemberId
  readonly point: CrashPointName
  readonly tornWrite?: boolean
  /** Virtual ms from the crash to the restart (default: one anti-entropy period). */
  readonly restartAfterMs?: number
}

/** How `World.crash` crashes a peer. */
export interface CrashOptions {
  /** The last write to the peer's store is torn too (memory store only). */
  readonly tornWrite?: boolean
  /** Books the restart this many virtual ms later (default: none; a scenario step restarts it). */
  readonly restartAfterMs?: number
  /** Goes into the fault record (a failpoint crash names its failpoint). */
  readonly detail?: JsonObject
}
