/**
 * Scenario fault steps as World verbs (Maelstrom's nemesis, turmoil's verbs): one entry per fault
 * of the scenario format. The verbs themselves, and why a redundant one is a no-op, are in world.ts.
 */
import { LabError } from '../engine/base/errors.ts'
import type { FaultStep } from './scenario/model.ts'
import type { FaultName } from './scenario/steps.ts'
import type { World } from './world.ts'

type Verb<N extends FaultName> = (w: World, step: Extract<FaultStep, { fault: N }>) => void

const VERBS: { readonly [N in FaultName]: Verb<N> } = {
  partition: (w, s) => w.partition(s.groups),
  heal: (w) => w.heal(),
  offline: (w, s) => w.offline(s.peer),
  online: (w, s) => w.online(s.peer),
  crash: (w, s) => w.crash(s.peer, { tornWrite: s.tornWrite }),
  restart: (w, s) => w.restart(s.peer),
  hold: (w, s) => w.hold(s.from, s.to),
  release: (w, s) => w.release(s.from, s.to),
  clockSkew: (w, s) => w.clockSkew(s.peer, s.ms),
  impersonate: (w, s) => w.impersonate(s.peer, s.as),
  equivocate: (w, s) => w.equivocate(s.peer),
  honest: (w, s) => w.honest(s.peer),
}

/** Applies one fault step. */
export function applyFault(w: World, step: FaultStep): void {
  const verb = VERBS[step.fault] as Verb<FaultName> | undefined
  if (!verb) throw new LabError('BAD_SCENARIO', `unknown fault ${JSON.stringify(step.fault)}`)
  verb(w, step as never)
}
