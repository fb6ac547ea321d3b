/**
 * Model-based testing (fast-check `commands` + `modelRun`) of offline-first sync and pruning on
 * three replicas with explicit delivery: sends, deletions, deliveries, losses, offline windows and
 * crashes in any order. After every command a replica shows only messages the model created and
 * never again one it saw deleted; at the end, once the network is healed and drained, every
 * replica shows exactly the model's live messages (convergence, offline-first, remove-wins).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { PROFILE_NAMES, type ProfileName } from '../../src/engine/base/enums.ts'

const G = 'group:model'
const PEERS = ['alice', 'bob', 'carol'] as const
type Peer = (typeof PEERS)[number]

interface Model {
  /** content -> deleted? (contents are unique, so they name messages) */
  readonly messages: Map<string, boolean>
  readonly offline: Set<Peer>
  n: number
}

interface Real {
  readonly net: SmallWorld
  /** Per replica, the contents it has shown deleted (they must never come back). */
  readonly gone: Map<Peer, Set<string>>
}

const shown = (r: Real, p: Peer): string[] => r.net.r(p).query('chat.list', G) as string[]

/** Invariants after every command. */
function check(m: Model, r: Real): void {
  for (const p of PEERS) {
    const list = shown(r, p)
    for (const c of list) {
      expect(m.messages.has(c), `${p} shows ${c}, which nobody wrote`).toBe(true)
      expect(r.gone.get(p)!.has(c), `${p} shows ${c} again after showing it deleted`).toBe(false)
    }
    for (const [c, deleted] of m.messages) if (deleted && !list.includes(c)) r.gone.get(p)!.add(c)
  }
}

class Send implements fc.Command<Model, Real> {
  constructor(readonly peer: Peer) {}
  check = () => true
  run(m: Model, r: Real): void {
    const content = `msg-${m.n++}`
    r.net.r(this.peer).execute('chat.send', G, { content })
    m.messages.set(content, false)
    check(m, r)
  }
  toString = () => `send(${this.peer})`
}

class Delete implements fc.Command<Model, Real> {
  constructor(
    readonly peer: Peer,
    readonly pick: number,
  ) {}
  check = () => true
  run(m: Model, r: Real): void {
    const e = r.net.r(this.peer).entity(G)
    const live = e.profile.chat.messages(e.read('chat')).filter((x) => !x.deleted)
    if (live.length > 0) {
      const target = live[this.pick % live.length]!
      r.net.r(this.peer).execute('chat.delete', G, { message: target.id })
      m.messages.set(target.content, true)
    }
    check(m, r)
  }
  toString = () => `delete(${this.peer}, ${this.pick})`
}

class Deliver implements fc.Command<Model, Real> {
  constructor(
    readonly to: Peer,
    readonly lose: boolean,
  ) {}
  check = () => true
  run(m: Model, r: Real): void {
    if (this.lose) r.net.drop(this.to)
    else if (!m.offline.has(this.to)) r.net.deliver(this.to)
    check(m, r)
  }
  toString = () => `${this.lose ? 'lose' : 'deliver'}(to ${this.to})`
}

class Offline implements fc.Command<Model, Real> {
  constructor(readonly peer: Peer) {}
  check = () => true
  run(m: Model, r: Real): void {
    const off = !m.offline.has(this.peer)
    if (off) m.offline.add(this.peer)
    else m.offline.delete(this.peer)
    r.net.r(this.peer).setOnline(!off)
    check(m, r)
  }
  toString = () => `toggleOnline(${this.peer})`
}

class Crash implements fc.Command<Model, Real> {
  constructor(readonly peer: Peer) {}
  check = () => true
  run(m: Model, r: Real): void {
    r.net.restart(this.peer)
    if (m.offline.has(this.peer)) r.net.r(this.peer).setOnline(false)
    check(m, r)
  }
  toString = () => `crashAndRestart(${this.peer})`
}

const peer = fc.constantFrom(...PEERS)
const commands = fc.commands(
  [
    peer.map((p) => new Send(p)),
    fc.tuple(peer, fc.nat(5)).map(([p, k]) => new Delete(p, k)),
    fc.tuple(peer, fc.boolean()).map(([p, lose]) => new Deliver(p, lose)),
    peer.map((p) => new Offline(p)),
    peer.map((p) => new Crash(p)),
  ],
  { maxCommands: 40 },
)

function setup(profile: ProfileName): () => { model: Model; real: Real } {
  return () => {
    const net = new SmallWorld({ profile, seed: 11 })
    for (const p of PEERS) net.add(p)
    net.r('alice').createEntity(G, { members: { bob: 'member', carol: 'member' } })
    net.replicateEntity('alice', G)
    return {
      model: { messages: new Map(), offline: new Set(), n: 0 },
      real: { net, gone: new Map(PEERS.map((p) => [p, new Set<string>()])) },
    }
  }
}

/** Brings everyone online, drains, runs anti-entropy: every replica shows the model's live messages. */
function converges(m: Model, r: Real): void {
  for (const p of PEERS) r.net.r(p).setOnline(true)
  r.net.settle()
  r.net.antiEntropy(G)
  r.net.antiEntropy(G)
  const live = [...m.messages]
    .filter(([, d]) => !d)
    .map(([c]) => c)
    .sort()
  for (const p of PEERS) expect([...shown(r, p)].sort(), `${p} after the heal`).toEqual(live)
  for (const p of PEERS) expect(r.net.r(p).tombstones(G), `${p} keeps tombstones after the heal`).toEqual([])
}

describe.each(PROFILE_NAMES)('model-based: send, delete, deliver, lose, offline, crash (%s)', (profile) => {
  it('holds the model after every command and converges to it', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const s = setup(profile)
        let state: { model: Model; real: Real } | undefined
        fc.modelRun(() => (state = s()), cmds)
        converges(state!.model, state!.real)
      }),
      { numRuns: 60, seed: 99 },
    )
  })
})
