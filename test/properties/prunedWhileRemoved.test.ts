import { expect, it } from 'vitest'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

// Regression, found by the access property: a prune that reaches a replica which never saw the
// deletion (its member was removed then) is not a materialization; archiving the message there
// kept a deleted message readable on carol only.
it('a message pruned while its editor was removed stays deleted on her replica', () => {
  const { result } = runAndCheck(loadScenario('test/properties/fixtures/pruned-while-removed.json'))
  expect(result.checks.access).toMatchObject({ evaluated: true, holds: true })
  expect(result.checks.convergence).toMatchObject({ evaluated: true, holds: true })
})
