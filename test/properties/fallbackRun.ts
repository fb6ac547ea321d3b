/**
 * A small simulated chat past its (scaled-down) threshold, for the fallback's checks and the
 * simulator's failpoint crashes: random traffic, a member offline across a jump of the clock, and
 * dave, who is offline until the old messages moved and is added afterwards (he must get them
 * through the archive handoff: in the simulator every peer otherwise sees every update).
 */
import { parseScenario } from '../../src/sim/scenario/load.ts'
import type { Scenario } from '../../src/sim/scenario/model.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

export const E = 'group:ocean-forest-moon-star'
export const PEERS = ['alice', 'bob', 'carol', 'dave']

export function chatPastThreshold(
  opts: { profile?: ProfileName; seed?: number; config?: Record<string, unknown>; threshold?: number } = {},
): Scenario {
  return parseScenario(
    {
      name: 'chat-past-threshold',
      seed: opts.seed ?? 3,
      profile: opts.profile ?? 'reference',
      peers: PEERS,
      entities: [{ id: E, owner: 'alice', members: { bob: 'member', carol: 'member' } }],
      config: { thresholds: { chat: opts.threshold ?? 5000 }, archiveAfterDays: 1, ...opts.config },
      steps: [
        { at: 0, fault: 'offline', peer: 'dave' },
        {
          at: 0,
          random: {
            until: 1500,
            everyMs: [4, 10],
            peers: ['alice', 'bob', 'carol'],
            entity: E,
            mix: { 'chat.send': 6, 'chat.edit': 1, 'chat.delete': 1, 'chat.react': 1 },
          },
        },
        { at: 700, fault: 'offline', peer: 'carol' },
        { at: 1000, advanceDays: 2 },
        { at: 1600, fault: 'online', peer: 'carol' },
        { at: 2500, advanceDays: 2 },
        { at: 2550, fault: 'online', peer: 'dave' },
        { at: 2600, peer: 'alice', op: 'chat.send', entity: E, args: { content: 'after' } },
        { at: 3000, peer: 'alice', op: 'member.add', entity: E, args: { member: 'dave', role: 'member' } },
        { at: 3500, peer: 'dave', op: 'chat.send', entity: E, args: { content: 'dave here' } },
      ],
    },
    'inline',
  )
}
