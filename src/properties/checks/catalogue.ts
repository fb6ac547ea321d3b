/**
 * The claims catalogue: one check per claim of the spec (DESIGN.md section 3), by name. The CLI's
 * `list`, the conformance table and the property suites all read it.
 */
import type { CheckName } from '../../sim/scenario/schema.ts'
import { access, cardOneColumn } from './accessChecks.ts'
import type { Check } from './check.ts'
import { deletionWins, pruneLiveness, pruneSafety } from './deletionChecks.ts'
import { differentFields, lww } from './fieldChecks.ts'
import { noLoss, sizeThreshold } from './fallbackChecks.ts'
import { convergence, idempotence, offlineFirst, persistence } from './replicaChecks.ts'

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
    sizeThreshold,
    noLoss,
    access,
  ].map((c) => [c.name, c]),
)
