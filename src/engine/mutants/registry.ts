/**
 * The mutants, by name (one file each), and how the one a run names is applied. The replica knows
 * nothing of mutants: whoever builds it (the simulator's peer, a test) resolves the name with
 * `engineWith` and hands the replica the profile and hooks. With no mutant: the profile as is,
 * with no hooks.
 */
import { LabError } from '../base/errors.ts'
import type { Profile } from '../profile/profile.ts'
import { NO_HOOKS } from '../replica/hooks.ts'
import { ackOneLess } from './ackOneLess.ts'
import { addRevives } from './addRevives.ts'
import { cardInOldColumn } from './cardInOldColumn.ts'
import { duplicateTouch } from './duplicateTouch.ts'
import { fenceForgetsRevive } from './fenceForgetsRevive.ts'
import { lwwTimestampOnly } from './lwwTimestampOnly.ts'
import { materializeForgetsNewest } from './materializeForgetsNewest.ts'
import type { MutatedEngine, Mutant } from './mutant.ts'
import { noFencing } from './noFencing.ts'
import { offlineUnsaved } from './offlineUnsaved.ts'
import { persistLocalOnly } from './persistLocalOnly.ts'
import { pruneIgnoresMember } from './pruneIgnoresMember.ts'
import { skipDeletes } from './skipDeletes.ts'
import { pruneForgetsFence } from './pruneForgetsFence.ts'
import { ackCoversAny } from './ackCoversAny.ts'
import { wallClockStamps } from './wallClockStamps.ts'
import { lamportIgnoresRemote } from './lamportIgnoresRemote.ts'
import { lwwClientTiebreak } from './lwwClientTiebreak.ts'
import { fenceByCoreOnly } from './fenceByCoreOnly.ts'
import { pruneDropsArchived } from './pruneDropsArchived.ts'
import { diskUpdatesDropped } from './diskUpdatesDropped.ts'
import { digestWithoutRepair } from './digestWithoutRepair.ts'
import { rowsMovedTime } from './rowsMovedTime.ts'
import { pageDropsOldest } from './pageDropsOldest.ts'
import { gaugeForgetsSince } from './gaugeForgetsSince.ts'
import { restartDropsLast } from './restartDropsLast.ts'
import { undoRevivesInPlace } from './undoRevivesInPlace.ts'

export type { Mutant, MutatedEngine }

export const MUTANTS: ReadonlyMap<string, Mutant> = new Map(
  [
    ackOneLess,
    pruneIgnoresMember,
    skipDeletes,
    lwwTimestampOnly,
    noFencing,
    addRevives,
    cardInOldColumn,
    persistLocalOnly,
    offlineUnsaved,
    duplicateTouch,
    fenceForgetsRevive,
    materializeForgetsNewest,
    wallClockStamps,
    lamportIgnoresRemote,
    lwwClientTiebreak,
    fenceByCoreOnly,
    rowsMovedTime,
    pageDropsOldest,
    gaugeForgetsSince,
    pruneDropsArchived,
    restartDropsLast,
    digestWithoutRepair,
    diskUpdatesDropped,
    pruneForgetsFence,
    ackCoversAny,
    undoRevivesInPlace,
  ].map((m) => [m.name, m]),
)

/** The mutant named `name`; an unknown name is an INVALID_ARG error listing the known ones. */
export function mutantByName(name: string): Mutant {
  const m = MUTANTS.get(name)
  if (!m)
    throw new LabError(
      'INVALID_ARG',
      `unknown mutant ${JSON.stringify(name)}; expected one of ${[...MUTANTS.keys()].join(', ')}`,
      { path: 'mutant' },
    )
  return m
}

/** The knob that names a mutant: a scenario's `config.mutant`, the CLI's hidden `--mutant`. */
export interface MutantChoice {
  /** A deliberately broken engine, by name (mutation testing of the lab). */
  readonly mutant?: string
}

/** The engine a replica runs: `base` as is, or broken by the named mutant. */
export function engineWith(base: Profile, mutant: string | undefined): MutatedEngine {
  return mutant === undefined ? { profile: base, hooks: NO_HOOKS } : mutantByName(mutant).apply(base)
}
