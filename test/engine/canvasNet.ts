/** Shared setup of the canvas tests: three replicas of one group, readers of its canvas, partial delivery. */
import { countingClientIds, TestNet } from './harness.ts'
import type { ProfileName } from '../../src/engine/profile/profile.ts'
import type { EngineConfig } from '../../src/engine/replica/replica.ts'
import type { ElementView } from '../../src/engine/concerns/canvas/model.ts'

export const G = 'group:test'
export const CANVAS = `${G}:canvas` as const
export const PEERS = ['alice', 'bob', 'carol'] as const

/** alice owns G with bob and carol as members; every replica starts from her state. */
export function canvasTrio(
  profile: ProfileName,
  opts: { bases?: [number, number, number]; config?: EngineConfig } = {},
): TestNet {
  const net = new TestNet(profile, 1, undefined, opts.config)
  PEERS.forEach((n, i) => net.add(n, opts.bases ? countingClientIds(opts.bases[i]!) : undefined))
  net.r('alice').createEntity(G, { members: { bob: 'member', carol: 'member' } })
  net.replicateEntity('alice', G)
  return net
}

export const list = (net: TestNet, peer: string): ElementView[] => net.r(peer).query('canvas.list', G) as ElementView[]

export const element = (net: TestNet, peer: string, id: string): ElementView | undefined =>
  list(net, peer).find((el) => el.id === id)

/** Adds a shape as `peer` and returns its id. */
export const addShape = (net: TestNet, peer: string, x = 10, y = 20): string =>
  net.r(peer).execute('canvas.add', G, { elementType: 'shape', x, y, width: 100, height: 50 }).createdId!

/** The canvas document's element ids as stored (tombstones included, pruned ones gone). */
export const storedIds = (net: TestNet, peer: string): string[] =>
  Object.keys((net.r(peer).docJSON(CANVAS) as { elements: object }).elements).sort()

/**
 * Delivers everything among the other replicas while `cut` hears nothing (its messages are lost
 * too): it holds pruning back.
 */
export function settleWithout(net: TestNet, cut: string): void {
  for (let round = 0; round < 100; round++) {
    net.collect()
    net.drop(cut)
    let moved = 0
    for (const p of PEERS) if (p !== cut) moved += net.deliver(p)
    if (moved === 0) return
  }
  throw new Error('network did not settle')
}
