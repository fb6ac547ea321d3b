/**
 * A chat entity on a SmallWorld with scaled-down fallback settings: a 16 KB chat threshold and a
 * one-day archive age, so a hundred messages an hour apart cross the threshold with old ones.
 */
import { SmallWorld } from '../../../src/sim/smallWorld.ts'
import type { EngineConfig } from '../../../src/engine/replica/replica.ts'
import type { EngineEvent } from '../../../src/engine/base/events.ts'
import { fallbackStatus, readableItems } from '../../../src/engine/fallback/api.ts'
import type { ProfileName } from '../../../src/engine/base/enums.ts'

export const G = 'group:test'
export const CHAT = `${G}:chat` as const
export const HOUR = 3_600_000
export const DAY = 24 * HOUR

export const SMALL: EngineConfig = { thresholds: { chat: 16_000 }, archiveAfterDays: 1 }

/** A net of `names` (the first owns the entity, the others are members) with per-replica config. */
export function chatNet(
  profile: ProfileName,
  config: (name: string) => EngineConfig | undefined = () => SMALL,
  names = ['alice', 'bob', 'carol'],
): SmallWorld {
  const net = new SmallWorld({ profile })
  for (const n of names) net.add(n, { config: config(n) })
  const members = Object.fromEntries(names.slice(1).map((n) => [n, 'member' as const]))
  net.r(names[0]!).createEntity(G, { members })
  net.replicateEntity(names[0]!, G)
  return net
}

/** Advances every replica's clock. */
export function advance(net: SmallWorld, ms: number): void {
  for (const n of net.nodes.values()) n.clock.advance(ms)
}

export interface SendOptions {
  /** Senders, in turn (default: every replica). */
  readonly from?: readonly string[]
  readonly tag?: string
  /** Replicas cut off while sending: messages to them are dropped. */
  readonly offline?: readonly string[]
  /** Collects contents as they are sent (kept when a failpoint throws half-way). */
  readonly into?: string[]
}

/** Sends `count` messages, one an hour, from `from` in turn, delivering after each. Returns their contents. */
export function sendMany(net: SmallWorld, count: number, opts: SendOptions = {}): string[] {
  const from = opts.from ?? [...net.nodes.keys()].filter((n) => !opts.offline?.includes(n))
  const sent = opts.into ?? []
  for (let i = 0; i < count; i++) {
    advance(net, HOUR)
    const content = `${opts.tag ?? 'm'}${i} ${'lorem ipsum dolor sit amet '.repeat(4)}`
    sent.push(content)
    net.r(from[i % from.length]!).execute('chat.send', G, { content })
    settleExcept(net, opts.offline ?? [])
  }
  return sent
}

/** Delivers until quiet, dropping whatever is sent to the `offline` replicas. */
export function settleExcept(net: SmallWorld, offline: readonly string[]): void {
  net.settle({ lose: (_from, to) => offline.includes(to) })
}

export const list = (net: SmallWorld, name: string): string[] => net.r(name).query('chat.list', G) as string[]
export const status = (net: SmallWorld, name: string) => fallbackStatus(net.r(name), G)
export const readable = (net: SmallWorld, name: string) => readableItems(net.r(name), G)

/** Records the fallback's events of every replica as `name:type[:count]`. */
export function recordEvents(net: SmallWorld): { log: string[]; of: (name: string) => EngineEvent[] } {
  const log: string[] = []
  const byName = new Map<string, EngineEvent[]>()
  for (const [name, node] of net.nodes) {
    byName.set(name, [])
    node.replica.events.on((e) => {
      byName.get(name)!.push(e)
      if (e.type === 'materialize' || e.type === 'archive') log.push(`${name}:${e.type}:${e.items.length}`)
      else if (e.type === 'threshold' || e.type === 'attest') log.push(`${name}:${e.type}`)
    })
  }
  return { log, of: (name) => byName.get(name)! }
}

/** Ids (in order) of the items a replica reads from SQL. */
export const fromSql = (net: SmallWorld, name: string): string[] =>
  readable(net, name)
    .filter((i) => i.source === 'sql')
    .map((i) => i.id)
