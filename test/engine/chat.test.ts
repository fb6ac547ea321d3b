/** Chat under both profiles: messages, threads, reactions, attachments, LWW of edits. */
import { describe, expect, it } from 'vitest'
import { countingClientIds } from './harness.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { LabError } from '../../src/engine/base/errors.ts'
import { PROFILE_NAMES, type ProfileName } from '../../src/engine/base/enums.ts'

const G = 'group:test'

function trio(profile: ProfileName, bases?: [number, number, number]) {
  const net = new SmallWorld({ profile })
  ;['alice', 'bob', 'carol'].forEach((n, i) =>
    net.add(n, { clientIds: bases ? countingClientIds(bases[i]!) : undefined }),
  )
  net.r('alice').createEntity(G, { members: { bob: 'member', carol: 'member' } })
  net.replicateEntity('alice', G)
  return net
}

const messages = (net: SmallWorld, n: string) =>
  net.r(n).entity(G).profile.chat.messages(net.r(n).entity(G).read('chat'))

describe.each(PROFILE_NAMES)('chat (%s)', (profile) => {
  it('sends, edits, deletes and lists oldest first on every replica', () => {
    const net = trio(profile)
    const a = net.r('alice').execute('chat.send', G, { content: 'one' }).createdId!
    net.get('bob').clock.advance(2000)
    const b = net.r('bob').execute('chat.send', G, { content: 'two' }).createdId!
    net.settle()
    net.r('carol').execute('chat.edit', G, { message: a, content: 'one (edited)' })
    net.r('carol').execute('chat.delete', G, { message: b })
    net.settle()
    for (const n of ['alice', 'bob', 'carol']) expect(net.r(n).query('chat.list', G)).toEqual(['one (edited)'])
    const m = messages(net, 'alice').find((x) => x.id === a)!
    expect(m).toMatchObject({ author_id: 'alice', content: 'one (edited)', deleted: false, parent_id: null })
    expect(m.updated_at).toBeGreaterThanOrEqual(m.created_at)
  })

  it('keeps threads, reactions and attachments', () => {
    const net = trio(profile)
    const root = net.r('alice').execute('chat.send', G, {
      content: 'root',
      attachments: [{ filename: 'shot.png', mimeType: 'image/png', sizeBytes: 245678 }],
    }).createdId!
    net.settle()
    net.r('bob').execute('chat.send', G, { content: 'reply 1', replyTo: root })
    net.r('carol').execute('chat.react', G, { message: root, emoji: '👍' })
    net.settle()
    net.r('alice').execute('chat.react', G, { message: root, emoji: '👍' })
    net.r('carol').execute('chat.send', G, { content: 'reply 2', replyTo: root })
    net.settle()
    const e = net.r('bob').entity(G)
    const thread = e.profile.chat.thread(e.read('chat'), root)!
    expect(thread.replies.map((r) => r.content).sort()).toEqual(['reply 1', 'reply 2'])
    expect(thread.reply_count).toBe(2)
    const m = messages(net, 'bob').find((x) => x.id === root)!
    expect([...m.reactions['👍']!].sort()).toEqual(['alice', 'carol'])
    expect(m.attachments).toHaveLength(1)
    expect(m.attachments[0]).toMatchObject({ filename: 'shot.png', mime_type: 'image/png', size_bytes: 245678 })
    expect(m.attachments[0]!.file_path).toMatch(/^\/shared\/attachments\/a[0-9a-z]+-shot\.png$/)
  })

  it('rejects bad chat input with typed errors', () => {
    const net = trio(profile)
    const code = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        return (e as LabError).code
      }
      return 'none'
    }
    expect(code(() => net.r('alice').execute('chat.edit', G, { message: 'nope', content: 'x' }))).toBe('NOT_FOUND')
    expect(code(() => net.r('alice').execute('chat.send', G, { content: 42 }))).toBe('INVALID_ARG')
    expect(code(() => net.r('alice').execute('chat.send', G, {}))).toBe('INVALID_ARG')
    expect(code(() => net.r('alice').execute('chat.sned', G, { content: 'x' }))).toBe('UNKNOWN_OP')
    expect(code(() => net.r('alice').execute('chat.send', 'group:../../etc', { content: 'x' }))).toBe('BAD_ENTITY_ID')
    expect(code(() => net.r('alice').execute('chat.send', 'group:other', { content: 'x' }))).toBe('NOT_FOUND')
    expect(
      code(() => net.r('alice').execute('chat.send', G, { content: 'x', attachments: [{ filename: '../x' }] })),
    ).toBe('INVALID_ARG')
  })
})

describe('concurrent edits of one message', () => {
  /**
   * Three-peer Lamport case: alice edits; bob sees it and edits again (a causally later write);
   * carol, with the largest clientID, edits concurrently without seeing either.
   */
  function race(profile: ProfileName): string[] {
    const net = trio(profile, [2000, 1000, 3000])
    const id = net.r('alice').execute('chat.send', G, { content: 'v0' }).createdId!
    net.settle()
    net.r('alice').execute('chat.edit', G, { message: id, content: 'alice' })
    net.deliver('bob', 'alice')
    net.r('bob').execute('chat.edit', G, { message: id, content: 'bob saw alice' })
    net.r('carol').execute('chat.edit', G, { message: id, content: 'carol concurrent' })
    net.settle()
    return ['alice', 'bob', 'carol'].map((n) => (net.r(n).query('chat.list', G) as string[])[0]!)
  }

  it('reference: the causally later write wins on every replica, whatever the clientIDs', () => {
    expect(race('reference')).toEqual(['bob saw alice', 'bob saw alice', 'bob saw alice'])
  })

  it('spec: Yjs resolves by clientID; the largest clientID wins over the causally later write', () => {
    expect(race('spec')).toEqual(['carol concurrent', 'carol concurrent', 'carol concurrent'])
  })
})
