/**
 * Random workloads (a scenario's `random` steps): every tick picks a peer and an op by weight and
 * generates arguments that refer to things existing in that peer's own view. An op with nothing
 * to refer to yet (an edit before any message) is replaced by another draw. Generators are a
 * registry, one entry per op.
 */
import type { EntityId, MemberId } from '../engine/base/ids.ts'
import type { Replica } from '../engine/replica/replica.ts'
import type { Rng } from '../engine/base/providers.ts'
import { LabError } from '../engine/base/errors.ts'
import { activeMembers, files, messages, roleIn } from './views.ts'

export interface GenContext {
  readonly rng: Rng
  readonly replica: Replica
  readonly peer: MemberId
  readonly entity: EntityId
  /** Every peer of the world (candidates for membership ops). */
  readonly peers: readonly MemberId[]
  /** A number unique within the run, for unique contents. */
  readonly seq: number
}

/** Arguments for the op, or null when the peer's view has nothing for it to refer to. */
export type Generator = (g: GenContext) => Record<string, unknown> | null

const pickOrNull = <T>(rng: Rng, items: readonly T[]): T | null => (items.length === 0 ? null : rng.pick(items))
const content = (g: GenContext, what: string): string => `${what} ${g.peer} #${g.seq}`

const GENERATORS: Record<string, Generator> = {
  'member.add': (g) => {
    const target = pickOrNull(
      g.rng,
      g.peers.filter((p) => p !== g.peer),
    )
    return target ? { member: target, role: g.rng.chance(0.3) ? 'admin' : 'member' } : null
  },
  'member.remove': (g) => {
    const target = pickOrNull(
      g.rng,
      activeMembers(g.replica, g.entity).filter((m) => m !== g.peer && roleIn(g.replica, g.entity, m) !== 'owner'),
    )
    return target ? { member: target } : null
  },
  'member.updateRole': (g) => {
    const target = pickOrNull(
      g.rng,
      activeMembers(g.replica, g.entity).filter((m) => m !== g.peer && roleIn(g.replica, g.entity, m) !== 'owner'),
    )
    return target ? { member: target, role: g.rng.pick(['admin', 'member']) } : null
  },
  'chat.send': (g) => {
    const roots = messages(g.replica, g.entity).filter((m) => !m.reply)
    const reply = roots.length > 0 && g.rng.chance(0.2) ? g.rng.pick(roots).id : undefined
    return reply ? { content: content(g, 'reply'), replyTo: reply } : { content: content(g, 'message') }
  },
  'chat.edit': (g) => {
    const m = pickOrNull(g.rng, messages(g.replica, g.entity))
    return m ? { message: m.id, content: content(g, 'edit') } : null
  },
  'chat.delete': (g) => {
    const m = pickOrNull(g.rng, messages(g.replica, g.entity))
    return m ? { message: m.id } : null
  },
  'chat.react': (g) => {
    const m = pickOrNull(g.rng, messages(g.replica, g.entity))
    return m ? { message: m.id, emoji: g.rng.pick(['+1', 'heart', 'eyes', 'tada']) } : null
  },
  'disk.write': (g) => ({
    disk: g.rng.pick(['public', 'shared'] as const),
    path: `/notes/${g.rng.int(0, 4)}.md`,
    content: content(g, 'note'),
  }),
  'disk.delete': (g) => {
    const disk = g.rng.pick(['public', 'shared'] as const)
    const path = pickOrNull(g.rng, files(g.replica, g.entity, disk))
    return path ? { disk, path } : null
  },
}

/** Registers a generator (domain modules add theirs, see domainWorkload.ts). */
export function registerGenerator(op: string, gen: Generator): void {
  GENERATORS[op] = gen
}

/** Draws an op from `mix` and arguments for it; null when no op has anything to refer to. */
export function draw(
  g: GenContext,
  mix: Readonly<Record<string, number>>,
): { op: string; args: Record<string, unknown> } | null {
  const weights = Object.fromEntries(Object.entries(mix).filter(([, w]) => w > 0))
  for (let attempt = 0; attempt < 8 && Object.keys(weights).length > 0; attempt++) {
    const op = g.rng.weighted(weights)
    const gen = GENERATORS[op]
    if (!gen) throw new LabError('BAD_SCENARIO', `random steps cannot generate ${op} yet (no generator registered)`)
    const args = gen(g)
    if (args) return { op, args }
  }
  return null
}
