/**
 * The slice of a profile the SQL fallback reads: the layouts it finds and reads items through,
 * its policy (when items may move), and the profile's time unit. profile/profile.ts imports the
 * policies from here and builds the whole profile; the fallback never sees more than this.
 */
import type { EntityAccess } from '../context/entityAccess.ts'
import type { EntityProfile } from '../ports/entityProfile.ts'
import type { ItemLayouts } from './concerns.ts'
import type { FallbackPolicy } from './policy.ts'

export interface FallbackProfile extends EntityProfile, ItemLayouts {
  /** When items may leave the CRDT for the SQL archive (policy.ts). */
  readonly fallback: FallbackPolicy
  /** A time field value from wall-clock ms, in the profile's unit (seconds in spec, ms in reference). */
  time(ms: number): number
}

/** Entity access as the fallback's passes, moves and reads use it. */
export type FallbackAccess = EntityAccess<FallbackProfile>
