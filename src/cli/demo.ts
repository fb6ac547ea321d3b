/**
 * An engine demo: the naive-ack prune race, staged by hand in the small world. Alice deletes a
 * message; carol never receives the deletion, but an unrelated update of hers reaches alice.
 * The spec profile credits carol's ack and prunes; the reference profile waits for carol.
 */
import { SmallWorld } from '../sim/smallWorld.ts'
import { PROFILE_NAMES, type ProfileName } from '../engine/base/enums.ts'

const G = 'group:ocean-forest-moon-star'

/** Runs the race under one profile; returns whether alice pruned while carol still showed the message. */
function race(profile: ProfileName, log: (s: string) => void): boolean {
  const world = new SmallWorld({ profile, seed: 7 })
  for (const name of ['alice', 'bob', 'carol']) world.add(name)
  const r = (n: string) => world.r(n)
  r('alice').createEntity(G, { members: { bob: 'member', carol: 'member' } })
  world.settle()
  for (const n of ['bob', 'carol']) for (const d of r('alice').docIds(G)) r('alice').requestSync(n, d)
  for (const n of ['bob', 'carol']) for (const d of r('alice').docIds(G)) r(n).requestSync('alice', d)
  world.settle()
  const id = r('alice').execute('chat.send', G, { content: 'hello' }).createdId!
  world.settle()
  let pruned = false
  r('alice').events.on((e) => {
    if (e.type === 'prune' && e.item === id) pruned = true
  })
  // From here on nothing reaches carol; what carol sends still goes out.
  const toCarol = (_from: string, to: string) => to === 'carol'
  r('alice').execute('chat.delete', G, { message: id })
  world.settle({ lose: toCarol })
  r('carol').execute('chat.send', G, { content: 'unrelated' })
  world.settle({ lose: toCarol })
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
