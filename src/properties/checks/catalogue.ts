/**
 * The claims catalogue: one check per claim of the spec (DESIGN.md section 3), by name. The CLI's
 * `list`, the conformance table and the property suites all read it.
 */
import type { CheckName } from '../../sim/scenario/schema.ts'
import { access, cardOneColumn } from './accessChecks.ts'
import { notEvaluated, type Check } from './check.ts'
import { deletionWins, pruneLiveness, pruneSafety } from './deletionChecks.ts'
import { differentFields, lww } from './fieldChecks.ts'
import { convergence, idempotence, offlineFirst, persistence } from './replicaChecks.ts'

/** The SQL fallback's claims; its checks join the catalogue when the fallback lands in the engine. */
const pendingSql = (name: CheckName, claim: string): Check => ({
  name,
  claim,
  evaluate: () => notEvaluated('the SQL fallback is not part of the engine yet'),
})

export const CHECKS: ReadonlyMap<CheckName, Check> = new Map(
  [
    convergence,
    differentFields,
    lww,
    deletionWins,
    cardOneColumn,
    pruneSafety,
    pruneLiveness,
    offlineFirst,
    idempotence,
    persistence,
    pendingSql('sizeThreshold', 'Document size limits prevent unbounded growth: past its threshold a document keeps no item the fallback may move; moved items leave no growth behind.'),
    pendingSql('noLoss', 'SQL materialization handles arbitrarily large datasets: every item ever written and not deleted is readable exactly once, in order, across CRDT and SQL.'),
    access,
  ].map((c) => [c.name, c]),
)
