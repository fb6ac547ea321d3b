/** What the claims table shows of a claim explored (`crdt-lab conformance --explore`). */
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
