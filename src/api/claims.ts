/** The claims catalogue as data for users: each check's name and the spec's claim it tests. */
import { CHECKS } from '../properties/checks/catalogue.ts'
import type { CheckName } from '../sim/scenario/schema.ts'

export interface Claim {
  readonly name: CheckName
  /** The spec's claim, in its own words. */
  readonly claim: string
}

/** Every claim of the spec the lab checks, in the catalogue's order. */
export const CLAIMS: readonly Claim[] = [...CHECKS.values()].map((c) => ({ name: c.name, claim: c.claim }))
