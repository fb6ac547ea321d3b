/**
 * The sync table's star delivers as a network would: each replica gets the envelopes addressed to
 * it or to the topic, and an update sent to every reader apart (the reference's way) counts once.
 * Before this, the receiver of a reference op integrated one copy per member (19 at 20 members)
 * and the row's bytes summed every copy: add member 20 KB instead of 161 B.
 */
import { describe, expect, it } from 'vitest'
import { builtDoc } from '../../bench/engine/catalog.ts'
import { publishedBytes, StarFixture } from '../../bench/engine/starFixture.ts'
import { ENGINE_SYNC_OPS } from '../../bench/engine/syncOps.ts'
import { updatesOf } from '../../bench/engine/world.ts'
import { PROFILE_NAMES } from '../../src/engine/base/enums.ts'

describe.each(PROFILE_NAMES)('the sync star (%s)', (profile) => {
  it('gives the receiver one copy of what the hub publishes, and counts its bytes once', () => {
    const f = new StarFixture(builtDoc(profile, 'chat', 30))
    const receiver = f.world.get(f.receiver)
    const receive = receiver.receive.bind(receiver)
    let received = 0
    receiver.receive = (...args) => {
      received++
      return receive(...args)
    }
    const sent = ENGINE_SYNC_OPS['Send message']!.op(f)
    const update = updatesOf([sent[0]!])[0]!
    if (profile === 'reference') expect(sent.length).toBeGreaterThan(1)
    expect(received).toBe(1)
    expect(publishedBytes(sent).v1).toBe(update.byteLength)
  })
})
