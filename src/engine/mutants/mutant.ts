/**
 * A mutant: a deliberately broken engine, selected by name (`MutantChoice`, registry.ts).
 * Mutation testing of the lab runs the properties against each one: a property that no mutant
 * can make fail is a test that cannot fail. A mutant is built from the replica's profile by
 * swapping or wrapping its strategy objects, or, where no strategy fits, by replica hooks.
 */
import { LabError } from '../base/errors.ts'
import { referenceProfile, type Profile, type ReferenceParts } from '../profile/profile.ts'
import { NO_HOOKS, type ReplicaHooks } from '../replica/hooks.ts'

/** The broken engine a mutant builds: the profile to run and the hooks to install. */
export interface MutatedEngine {
  readonly profile: Profile
  readonly hooks: ReplicaHooks
}

export interface Mutant {
  readonly name: string
  /** The bug, in a sentence. */
  readonly description: string
  /**
   * What is expected to catch it, first the likeliest: claims (check names, DESIGN.md section 3),
   * whose properties run at conformance's budget, or `scenario:<name>`, a lab scenario file.
   */
  readonly kills: readonly string[]
  /** Builds the broken engine from the profile the replica would run. */
  apply(base: Profile): MutatedEngine
}

/** For mutants that break a rule only the reference profile has. */
export function requireReference(base: Profile, mutant: string): void {
  if (base.name !== 'reference') {
    throw new LabError(
      'INVALID_ARG',
      `mutant ${mutant} breaks a rule of the reference profile; run it with profile reference, not ${base.name}`,
      { path: 'mutant' },
    )
  }
}

/** A mutant that runs the reference profile built with broken parts (a rule swapped in a strategy). */
export function referenceMutant(def: Omit<Mutant, 'apply'> & { parts(): ReferenceParts }): Mutant {
  const { parts, ...rest } = def
  return {
    ...rest,
    apply(base) {
      requireReference(base, def.name)
      return { profile: referenceProfile(parts()), hooks: NO_HOOKS }
    },
  }
}
