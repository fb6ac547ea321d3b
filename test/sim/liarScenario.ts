/** The lab's small stage for lying peers: alice owns a group with bob and carol; mallory is a member or not. */
import { parseScenario } from '../../src/sim/scenario/load.ts'
import type { Scenario } from '../../src/sim/scenario/model.ts'

export const G = 'group:ocean'

export function liarScenario(steps: unknown[], options: { malloryIn?: boolean; seed?: number } = {}): Scenario {
  return parseScenario(
    {
      name: 'liar',
      seed: options.seed ?? 3,
      peers: ['alice', 'bob', 'carol', 'mallory'],
      entities: [
        {
          id: G,
          owner: 'alice',
          members: { bob: 'member', carol: 'member', ...(options.malloryIn === false ? {} : { mallory: 'member' }) },
        },
      ],
      network: { latencyMs: [5, 20], antiEntropyMs: 200 },
      steps,
    },
    'liar.json',
  )
}

/** A chat.send step in G, naming what it creates when `as` is given. */
export const send = (at: number, peer: string, content: string, as?: string) => ({
  at,
  peer,
  op: 'chat.send',
  entity: G,
  args: { content },
  ...(as ? { as } : {}),
})
