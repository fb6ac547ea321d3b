/** What the claims table shows of a claim explored (`crdt-lab conformance --explore`). */
import type { ProfileName } from '../engine/base/enums.ts'
import type { ClaimOutcome } from './inputs.ts'

/** A claim of the table, with its explored column when the run explored. */
export type ClaimExplored = ClaimOutcome & { explored?: Record<ProfileName, ExploredClaim> }

/** A claim under every schedule of the small scenarios that stage it (`crdt-lab explore`). */
export interface ExploredClaim {
  /**
   * `holds`: complete and exercised, no failure; `incomplete`: a bound cut a search; `not exercised`:
   * no end applied it.
   */
  verdict: 'holds' | 'fails' | 'incomplete' | 'not exercised'
  /** The scenarios explored, and the schedules they ran. */
  scenarios: string[]
  states: number
  /** The shortest failing schedule, when it fails. */
  failure?: { scenario: string; depth: number; detail: string; scenarioFile?: string }
}
