/**
 * An engine demo (before the simulator lands): the naive-ack prune race. Alice deletes a
 * message; carol never receives the deletion, but an unrelated update of hers reaches alice.
 * The spec profile credits carol's ack and prunes; the reference profile waits for carol.
 */
import { Replica } from '../engine/replica/replica.ts'
import { MemoryStore } from '../engine/store/memoryStore.ts'
import { ManualClock, Rng, SeededClientIds, SeededIds } from '../engine/base/providers.ts'
import { PROFILE_NAMES, type ProfileName } from '../engine/profile/profile.ts'
import type { Envelope } from '../engine/replica/outbox.ts'

const G = 'group:ocean-forest-moon-star'

interface Peer {
  replica: Replica
  clock: ManualClock
}

function world(profile: ProfileName): Map<string, Peer> {
  const rng = new Rng(7)
  const clientIds = new SeededClientIds(rng.fork('clients'))
  const peers = new Map<string, Peer>()
  for (const name of ['alice', 'bob', 'carol']) {
    const clock = new ManualClock(Date.UTC(2026, 0, 1))
    const replica = new Replica({
      member: name,
      profile,
      store: new MemoryStore(clock),
      providers: { clock, ids: new SeededIds(rng.fork(name)), clientIds },
    })
    peers.set(name, { replica, clock })
  }
  return peers
}

/** Delivers every outgoing message, except those `blocked(from, to)` says to lose, until quiet. */
function flush(peers: Map<string, Peer>, blocked: (from: string, to: string) => boolean = () => false): void {
  for (let round = 0; round < 50; round++) {
    const batch: [string, Envelope][] = []
    for (const [name, p] of peers) for (const env of p.replica.drainOutbox()) batch.push([name, env])
    if (batch.length === 0) return
    for (const [from, env] of batch) {
      for (const [to, p] of peers) {
        if (to === from || (env.to !== '*' && env.to !== to) || blocked(from, to)) continue
        p.replica.receive(from, env.docId, env.message)
      }
    }
  }
}

/** Runs the race under one profile; returns whether alice pruned while carol still showed the message. */
function race(profile: ProfileName, log: (s: string) => void): boolean {
  const peers = world(profile)
  const r = (n: string) => peers.get(n)!.replica
  r('alice').createEntity(G, { members: { bob: 'member', carol: 'member' } })
  flush(peers)
  for (const n of ['bob', 'carol']) for (const d of r('alice').docIds(G)) r('alice').requestSync(n, d)
  for (const n of ['bob', 'carol']) for (const d of r('alice').docIds(G)) r(n).requestSync('alice', d)
  flush(peers)
  const id = r('alice').execute('chat.send', G, { content: 'hello' }).createdId!
  flush(peers)
  let pruned = false
  r('alice').events.on((e) => {
    if (e.type === 'prune' && e.item === id) pruned = true
  })
  // From here on nothing reaches carol; what carol sends still goes out.
  const toCarol = (_from: string, to: string) => to === 'carol'
  r('alice').execute('chat.delete', G, { message: id })
  flush(peers, toCarol)
  r('carol').execute('chat.send', G, { content: 'unrelated' })
  flush(peers, toCarol)
  const carolShows = (r('carol').query('chat.list', G) as string[]).includes('hello')
  log(
    `  ${profile.padEnd(9)} alice pruned the tombstone: ` +
      `${pruned ? 'yes' : 'no '}   carol still shows the message: ` +
      `${carolShows ? 'yes' : 'no'}`,
  )
  return pruned && carolShows
}

/** Prints the race under both profiles; true when each profile behaves as the lab expects. */
export function runDemo(log: (s: string) => void): boolean {
  log('crdt-lab demo: the naive-ack prune race (nothing reaches carol after alice deletes a message)')
  const unsafe = Object.fromEntries(PROFILE_NAMES.map((p) => [p, race(p, log)]))
  log(
    unsafe.spec
      ? '  spec: pruned before every member held the deletion (pruneSafety fails)'
      : '  spec: did not show the race',
  )
  log(
    !unsafe.reference
      ? "  reference: waited for carol's own acknowledgement (pruneSafety holds)"
      : '  reference: UNSAFE PRUNE',
  )
  return unsafe.spec === true && unsafe.reference === false
}
