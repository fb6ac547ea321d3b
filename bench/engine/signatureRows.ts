/**
 * Table `engine`: what signed authorship costs. The reference profile signs every update its
 * replica authors (Ed25519 over the document id and the update) and sends it as a signed entry:
 * the signer's member id, the 64-byte signature, the update. The spec profile sends the bare update.
 * These rows are about the envelope and the signature only; the Yjs update inside is the same
 * update the other tables measure.
 *
 * The updates are real: `CHAT_MESSAGES` chat messages sent by alice's reference replica in a
 * small world (alice owns a group with bob), each update as her outbox sealed it. Verification is
 * timed uncached (the engine memoizes a verified signature process-wide, so a simulated world
 * verifies each update once, however many replicas receive it).
 */
import * as Y from 'yjs'
import { MemberKeys, signedBytes } from '../../src/engine/authorship/keys.ts'
import { verifyUncached } from '../../src/engine/authorship/signatures.ts'
import type { DocId } from '../../src/engine/base/ids.ts'
import { decodeSyncMessage } from '../../src/engine/sync/messages.ts'
import type { SignedUpdate } from '../../src/engine/sync/signedMessages.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'
import type { RowDef, TimedTask } from '../harness.ts'

/** Chat messages whose updates are measured (each one a `chat.send` of a 40-character message). */
export const CHAT_MESSAGES = 50

const G = 'group:bench'
const CHAT: DocId = `${G}:chat`

/** Row names of the signature rows. */
export const SIGNATURE_ROWS = {
  wire: 'Chat message on the wire (one update)',
  envelope: 'Signature envelope per update',
  sign: 'Sign + verify one update (Ed25519)',
  receive: 'Verify and integrate one update',
} as const

/** What one profile's replica puts on the wire for each chat message: the message bytes and the update inside. */
interface Sent {
  readonly message: Uint8Array
  readonly update: Uint8Array
  readonly signed?: SignedUpdate
}

/** The chat messages alice's replica sends under `profile`, one update each. */
export function sentChatMessages(profile: ProfileName, n = CHAT_MESSAGES): Sent[] {
  const w = new SmallWorld({ profile, seed: 15 })
  w.add('alice')
  w.add('bob')
  w.r('alice').createEntity(G, { members: { bob: 'member' } })
  w.replicateEntity('alice', G)
  const out: Sent[] = []
  for (let i = 0; i < n; i++) {
    w.r('alice').execute('chat.send', G, { content: `message ${String(i).padStart(3, '0')} of the signature bench` })
    for (const env of w.r('alice').drainOutbox()) {
      if (env.docId !== CHAT || env.kind !== 'update' || (env.to !== '*' && env.to !== 'bob')) continue
      const m = decodeSyncMessage(env.message, env.docId)
      if (m.type === 'signed' && m.entries.length === 1)
        out.push({ message: env.message, update: m.entries[0]!.update, signed: m.entries[0]! })
      else if (m.type === 'update') out.push({ message: env.message, update: m.update })
    }
  }
  return out
}

/** The integrating receiver of the timed rows: its document, how many updates it holds, their signatures. */
interface Receiver {
  doc: Y.Doc
  applied: number
  readonly signatures: readonly Uint8Array[]
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length

/** The signature rows (reference vs spec vs the bare Yjs update), over `n` chat messages (tests take a few). */
export function signatureRows(n = CHAT_MESSAGES): RowDef[] {
  let signed: Sent[] | undefined
  let plain: Sent[] | undefined
  const ref = (): Sent[] => (signed ??= sentChatMessages('reference', n))
  const spec = (): Sent[] => (plain ??= sentChatMessages('spec', n))
  const keys = new MemberKeys('signature-bench', 'alice')
  const publicKey = keys.publicKey('alice')
  let i = 0
  const next = (): Sent => {
    const all = ref()
    return all[i++ % all.length]!
  }
  const signVerify: TimedTask = {
    kind: 'timed',
    setup: () => void ref(),
    fn: () => {
      const { update } = next()
      const signature = keys.sign(CHAT, update)
      if (!verifyUncached(publicKey, signedBytes(CHAT, update), signature)) throw new Error('signature did not verify')
    },
  }
  // Integration into a document that holds every earlier message, as a receiver's does; each column its own.
  const integrate = (verify: boolean): TimedTask<Receiver> => ({
    kind: 'timed',
    setup: () => ({ doc: new Y.Doc(), applied: 0, signatures: ref().map((s) => keys.sign(CHAT, s.update)) }),
    fn: (r) => {
      const all = ref()
      if (r.applied === all.length) {
        r.doc.destroy()
        r.doc = new Y.Doc()
        r.applied = 0
      }
      const k = r.applied++
      const update = all[k]!.update
      if (verify && !verifyUncached(publicKey, signedBytes(CHAT, update), r.signatures[k]!))
        throw new Error('signature did not verify')
      Y.applyUpdate(r.doc, update)
    },
  })
  const work = `${n} chat messages (40 characters each) sent by alice's replica to a group with bob`
  return [
    {
      table: 'engine',
      row: SIGNATURE_ROWS.wire,
      metric: 'updateBytes',
      claimed: null,
      unit: 'B',
      note:
        `${work}; mean bytes of the sync message carrying each: the reference's signed entry (signer, ` +
        `signature, update), the spec's bare update message; raw Yjs: the update alone`,
      measure: {
        reference: () => mean(ref().map((s) => s.message.length)),
        spec: () => mean(spec().map((s) => s.message.length)),
        rawYjs: () => mean(ref().map((s) => s.update.length)),
      },
    },
    {
      table: 'engine',
      row: SIGNATURE_ROWS.envelope,
      metric: 'updateBytes',
      claimed: null,
      unit: 'B',
      note:
        `${work}; the reference's sync message minus the update it carries (message type, signer id, ` +
        `64-byte signature, lengths); the spec's likewise (message type and length); raw Yjs sends no envelope`,
      measure: {
        reference: () => mean(ref().map((s) => s.message.length - s.update.length)),
        spec: () => mean(spec().map((s) => s.message.length - s.update.length)),
      },
    },
    {
      table: 'engine',
      row: SIGNATURE_ROWS.sign,
      metric: 'cpuMs',
      claimed: null,
      unit: 'ms',
      note:
        `${work}; per update: the author's signature and one receiver's verification (uncached); ` +
        'the spec signs nothing',
      measure: { reference: signVerify },
    },
    {
      table: 'engine',
      row: SIGNATURE_ROWS.receive,
      metric: 'cpuMs',
      claimed: null,
      unit: 'ms',
      note:
        `${work}; per update, into a document holding the earlier ones: reference, verify (uncached) + ` +
        `Y.applyUpdate; raw Yjs, Y.applyUpdate alone (the unsigned figure)`,
      measure: { reference: integrate(true), rawYjs: integrate(false) },
    },
  ]
}
