/**
 * The slice of a profile that entity access needs: how the entity's membership is read, and the
 * hook every local write runs first. Higher layers widen it with what they read through
 * `e.profile` (the fallback its item layouts and policy, the canvas its layout and history, ops
 * the whole profile); profile/profile.ts is the widest.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import type { MembershipStrategy } from './membership.ts'

/** A core state vector (client key -> clock), or a function computing it on demand. */
export type CoreSv = Record<string, number> | (() => Record<string, number>)

export interface EntityProfile {
  readonly membership: Pick<MembershipStrategy, 'view' | 'causalCoreSv'>
  /**
   * Called inside every local write transaction, before the write (the reference's client
   * registry). `coreSv` is the core document's state vector as the profile's membership records
   * it (`MembershipStrategy.causalCoreSv`), given as a function where computing it is left to the
   * profile (the registry needs it once per client and document).
   */
  beforeWrite(md: ManagedDoc, member: MemberId, coreSv: CoreSv): void
}
