/**
 * duplicate-touch: a replica that receives a copy of a chat update it already received
 * "repairs" the newest message it shows: it writes the same content again with a new
 * `updated_at`, a visible change no delivery asked for. It repairs each message once (so touches
 * cannot echo between replicas forever).
 */
import { liveMessages } from '../ops/chatOps.ts'
import type { HandledMessage } from '../replica/hooks.ts'
import type { Mutant } from './mutant.ts'
import type { OpEntity } from '../ops/types.ts'

/** FNV-1a over the bytes, with the length: tells copies of a message apart from other messages. */
function digest(bytes: Uint8Array): string {
  let h = 0x811c9dc5
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0
  return `${bytes.length}:${h.toString(36)}`
}

function touchNewestMessage(e: OpEntity, touched: Set<string>): void {
  if (e.view().roleOf(e.member) === undefined) return
  const newest = liveMessages(e).at(-1)
  if (!newest || touched.has(newest.id)) return
  const coll = e.profile.chat.locate(e.doc('chat').doc, newest.id)
  if (!coll) return
  touched.add(newest.id)
  e.write('chat', (ctx) =>
    e.profile.records.update(ctx, coll, newest.id, { content: newest.content, updated_at: ctx.now }),
  )
}

/** The hook of one replica: remembers what it received, touches on a copy. */
function touchOnCopies(): (m: HandledMessage) => void {
  const seen = new Set<string>()
  const touched = new Set<string>()
  return (m) => {
    if (!m.docId.endsWith(':chat')) return
    const key = digest(m.bytes)
    const copy = seen.has(key)
    seen.add(key)
    if (copy && m.result.status === 'applied' && !m.result.changed) touchNewestMessage(m.entity(), touched)
  }
}

export const duplicateTouch: Mutant = {
  name: 'duplicate-touch',
  description:
    'a replica receiving a copy of a chat update it already received rewrites the newest message (same content, ' +
    'new updated_at): a duplicated delivery changes what replicas show',
  kills: ['idempotence'],
  apply: (base) => ({ profile: base, hooks: { afterReceive: touchOnCopies() } }),
}
