/** Shared setup of the canvas tests: three replicas of one group, readers of its canvas, partial delivery. */
import { countingClientIds } from './harness.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import type { EngineConfig } from '../../src/engine/replica/replica.ts'
import type { ElementView } from '../../src/engine/concerns/canvas/model.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

export const G = 'group:test'
export const CANVAS = `${G}:canvas` as const
export const PEERS = ['alice', 'bob', 'carol'] as const

/** alice owns G with bob and carol as members; every replica starts from her state. */
export function canvasTrio(
  profile: ProfileName,
  opts: { bases?: [number, number, number]; config?: EngineConfig } = {},
): SmallWorld {
  const net = new SmallWorld({ profile, config: opts.config })
  PEERS.forEach((n, i) => net.add(n, { clientIds: opts.bases ? countingClientIds(opts.bases[i]!) : undefined }))
  net.r('alice').createEntity(G, { members: { bob: 'member', carol: 'member' } })
  net.replicateEntity('alice', G)
  return net
}

export const list = (net: SmallWorld, peer: string): ElementView[] =>
  net.r(peer).query('canvas.list', G) as ElementView[]

export const element = (net: SmallWorld, peer: string, id: string): ElementView | undefined =>
  list(net, peer).find((el) => el.id === id)

/** Adds a shape as `peer` and returns its id. */
export const addShape = (net: SmallWorld, peer: string, x = 10, y = 20): string =>
  net.r(peer).execute('canvas.add', G, { elementType: 'shape', x, y, width: 100, height: 50 }).createdId!

/** The canvas document's element ids as stored (tombstones included, pruned ones gone). */
export const storedIds = (net: SmallWorld, peer: string): string[] =>
  Object.keys((net.r(peer).docJSON(CANVAS) as { elements: object }).elements).sort()

/** Delivers everything among the other replicas while `cut` hears nothing: it holds pruning back. */
export function settleWithout(net: SmallWorld, cut: string): void {
  net.settle({ lose: (_from, to) => to === cut })
}
