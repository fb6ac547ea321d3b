/**
 * The bench's engine replicas sign with CRYPTOGRAPHY_BESIDE: the same envelopes and checks as
 * under Ed25519, without the cryptography (timed in its own rows).
 */
import { describe, expect, it } from 'vitest'
import { CRYPTOGRAPHY_BESIDE } from '../../bench/engine/signaturesBeside.ts'
import { MemberKeys } from '../../src/engine/authorship/keys.ts'
import { ED25519 } from '../../src/engine/authorship/signatures.ts'
import { decodeSyncMessage, encodeSyncMessage } from '../../src/engine/sync/messages.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import type { SignatureScheme } from '../../src/engine/authorship/signatures.ts'
import { engineNotes, SIGNATURES_BESIDE } from '../../bench/engine/measures.ts'
import { ENGINE_SYNC_OPS } from '../../bench/engine/syncOps.ts'

const G = 'group:g'

/** Alice's chat message as sealed under `scheme`, and what bob's replica did with it. */
function world(scheme?: SignatureScheme) {
  const w = new SmallWorld({ profile: 'reference', seed: 3, ...(scheme ? { signatures: scheme } : {}) })
  w.add('alice')
  w.add('bob')
  w.r('alice').createEntity(G, { members: { bob: 'member' } })
  w.replicateEntity('alice', G)
  w.r('alice').execute('chat.send', G, { content: 'hello' })
  const sent = w
    .r('alice')
    .drainOutbox()
    .filter((e) => e.docId === `${G}:chat` && e.kind === 'update')
  return { w, sent }
}

describe('signatures beside (the bench scheme)', () => {
  it('puts the same envelope on the wire as Ed25519, and the message arrives', () => {
    const a = world(CRYPTOGRAPHY_BESIDE)
    const b = world()
    expect(a.sent.map((e) => e.message.length)).toEqual(b.sent.map((e) => e.message.length))
    for (const env of a.sent) a.w.r('bob').receive('alice', env.docId, env.message)
    expect(a.w.r('bob').query('chat.list', G, {})).toEqual(['hello'])
  })

  it('still refuses an entry naming another member as its signer', () => {
    const { w, sent } = world(CRYPTOGRAPHY_BESIDE)
    const env = sent.find((e) => e.to === 'bob')!
    const m = decodeSyncMessage(env.message, env.docId)
    if (m.type !== 'signed') throw new Error('expected a signed message')
    const forged = { type: 'signed' as const, entries: m.entries.map((e) => ({ ...e, signer: 'bob' })) }
    expect(w.r('bob').receive('alice', env.docId, encodeSyncMessage(forged))).toMatchObject({
      status: 'rejected',
      reason: 'signature',
    })
    expect(w.r('bob').query('chat.list', G, {})).toEqual([])
  })

  it("verifies the named signer's signature only, and nothing across schemes (a world keeps one)", () => {
    const ed = new MemberKeys('s', 'alice', ED25519)
    const beside = new MemberKeys('s', 'alice', CRYPTOGRAPHY_BESIDE)
    const update = new Uint8Array([1, 2, 3])
    expect(beside.verify('alice', 'group:g:chat', update, beside.sign('group:g:chat', update))).toBe(true)
    expect(beside.verify('bob', 'group:g:chat', update, beside.sign('group:g:chat', update))).toBe(false)
    expect(ed.verify('alice', 'group:g:chat', update, beside.sign('group:g:chat', update))).toBe(false)
    expect(beside.verify('alice', 'group:g:chat', update, ed.sign('group:g:chat', update))).toBe(false)
  })

  it('is said in the note of every CPU row of the sync table', () => {
    const notes = engineNotes({ quick: true })
    for (const row of [...Object.keys(ENGINE_SYNC_OPS), 'Full entity sync'])
      expect(notes[`sync/${row}/cpuMs`]).toContain(SIGNATURES_BESIDE)
  })
})
