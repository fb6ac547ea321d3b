/**
 * Raw Yjs figures of the sync table. Each operation runs on a sender replica; its update is
 * captured in the V1 encoding and applied to a receiver replica, which is what "sync" costs:
 * bytes on the wire and CPU on both ends. Bytes are the mean over `OPS_PER_MEAN` operations on
 * the documents of the memory table (core of 100 members, chat of 1000 messages).
 *
 * Only the V1 `update` event is listened to, as the engine listens: Yjs encodes a transaction
 * once per format someone listens to, so a V2 listener in the timed part would make raw Yjs
 * encode every operation twice. The V2 sizes are the captured V1 updates converted
 * (`convertUpdateFormatV1ToV2`, as the engine's V2 figures are), outside the timed part.
 *
 * Operations as the spec's code does them with plain maps: add member = a `MemberData` map plus
 * its `active_members` flag; send = a `MessageData` map; edit = new `content` and `updated_at`;
 * delete = `deleted: true` and `deleted_at` (the tombstone), which the receiver acks on receipt
 * (an entry in the tombstone's `ack_vector`, in its own transaction, encoded for the wire: the
 * spec's "Peer Receives Update" step; both engine profiles' receivers write one); prune = the last
 * member's ack arriving (the receiver's, held since the delete, applied on the sender) and
 * `messages.delete(id)`, a local operation on the pruning replica, so only the sender's CPU counts.
 * That is the event the engine's prune row times (bench/engine/syncOps.ts): a prune happens when
 * the last ack is integrated. What the engine decides in between (its ack
 * policy, the quorum check) is the engine's work.
 */
import * as Y from 'yjs'
import type { TimedTask } from '../harness.ts'
import { chatContent, Workload } from '../workloads.ts'
import { addMember, asClient, chatDoc, coreDoc, newDoc, sendMessage } from './documents.ts'

/** Operations averaged for each bytes figure. */
export const OPS_PER_MEAN = 50
const SENDER = 900_101
const RECEIVER = 900_102

/** The V1 update an operation published (empty when it published none). */
export type Captured = Uint8Array

/** Sizes of a captured update in both encodings (the V2 one converted, never timed). */
export interface Sizes {
  v1: number
  v2: number
}

const NOTHING = new Uint8Array()

/** V1 and V2 sizes of a captured update. */
export const sizesOf = (u: Captured): Sizes => ({
  v1: u.byteLength,
  v2: u.byteLength === 0 ? 0 : Y.convertUpdateFormatV1ToV2(u).byteLength,
})

/** A sender built from a workload and a receiver that starts as its copy. */
export class ReplicaPair {
  readonly receiver: Y.Doc
  private readonly ids: string[]
  private next = 0
  /** The receiver's ack of the newest tombstone, not yet applied on the sender (`ack`, `prune`). */
  private heldAck: Uint8Array = NOTHING

  constructor(
    readonly w: Workload,
    readonly sender: Y.Doc,
  ) {
    this.receiver = newDoc(RECEIVER)
    Y.applyUpdate(this.receiver, Y.encodeStateAsUpdate(sender))
    this.ids = [...sender.getMap('messages').keys()]
  }

  static core(members = 100): ReplicaPair {
    const w = new Workload('bench:core')
    return new ReplicaPair(w, coreDoc(w, members, SENDER))
  }

  static chat(messages = 1000): ReplicaPair {
    const w = new Workload('bench:chat')
    return new ReplicaPair(w, chatDoc(w, messages, SENDER))
  }

  /** Runs `op` on the sender, applies its V1 update to the receiver unless `local`, returns the update. */
  sync(op: () => void, local = false): Captured {
    let v1: Uint8Array = NOTHING
    const on = (u: Uint8Array): void => {
      v1 = u
    }
    this.sender.on('update', on)
    try {
      op()
    } finally {
      this.sender.off('update', on)
    }
    if (v1 !== NOTHING && !local) Y.applyUpdate(this.receiver, v1)
    return v1
  }

  private message(id: string): Y.Map<unknown> {
    return this.sender.getMap('messages').get(id) as Y.Map<unknown>
  }

  addMember = (): Captured => this.sync(() => addMember(this.sender, this.w.member(), SENDER))

  /** Sends a message; top-level ones join the pool that edits and deletes draw from. */
  send = (replies = true): Captured => {
    const m = this.w.message(replies)
    const c = this.sync(() => sendMessage(this.sender, m, SENDER))
    if (m.replyTo === undefined) this.ids.push(m.id)
    return c
  }

  edit = (): Captured => {
    const id = this.ids[this.next++ % this.ids.length]!
    const content = chatContent(this.w.rng)
    return this.sync(() =>
      asClient(this.sender, SENDER, () => {
        const m = this.message(id)
        m.set('content', content)
        m.set('updated_at', this.w.tick())
      }),
    )
  }

  /** Tombstones the newest top-level message; the receiver acks it on receipt. Returns the tombstone's update. */
  tombstone = (): Captured => {
    const id = this.ids.at(-1)!
    const u = this.sync(() =>
      asClient(this.sender, SENDER, () => {
        const m = this.message(id)
        m.set('deleted', true)
        m.set('deleted_at', this.w.tick())
      }),
    )
    this.ack()
    return u
  }

  /**
   * The receiver acks the newest top-level message (a tombstone by then): its own member id and
   * the time in the message's `ack_vector` (the spec's receivers write the sending peer's id and
   * leave the hub to record theirs, one more transaction the spec profile does; the reference's
   * receivers attest their own, as here). The update is held for `prune`.
   */
  private ack(): void {
    const m = this.receiver.getMap('messages').get(this.ids.at(-1)!) as Y.Map<unknown>
    const member = this.w.members[1]?.id ?? 'receiver'
    const on = (u: Uint8Array): void => {
      this.heldAck = u
    }
    this.receiver.on('update', on)
    try {
      asClient(this.receiver, RECEIVER, () => (m.get('ack_vector') as Y.Map<number>).set(member, this.w.tick()))
    } finally {
      this.receiver.off('update', on)
    }
  }

  /**
   * Integrates the held ack (the last one), then prunes the acked tombstone and forgets it;
   * returns the prune's update.
   */
  prune = (): Captured => {
    if (this.heldAck !== NOTHING) Y.applyUpdate(this.sender, this.heldAck)
    this.heldAck = NOTHING
    const id = this.ids.pop()!
    return this.sync(() => asClient(this.sender, SENDER, () => this.sender.getMap('messages').delete(id)), true)
  }
}

/** Mean sizes of `OPS_PER_MEAN` runs of an operation on a fresh pair (`prep` runs untimed first). */
export function meanBytes(
  make: () => ReplicaPair,
  op: (p: ReplicaPair) => Captured,
  prep?: (p: ReplicaPair) => void,
): Sizes {
  const pair = make()
  let v1 = 0
  let v2 = 0
  for (let i = 0; i < OPS_PER_MEAN; i++) {
    prep?.(pair)
    const c = sizesOf(op(pair))
    v1 += c.v1
    v2 += c.v2
  }
  return { v1: v1 / OPS_PER_MEAN, v2: v2 / OPS_PER_MEAN }
}

/** A timed operation on a pair built in setup; `prep` runs before each sample, untimed. */
export function opTask(
  make: () => ReplicaPair,
  op: (p: ReplicaPair) => unknown,
  prep?: (p: ReplicaPair) => void,
): TimedTask<ReplicaPair> {
  const task: TimedTask<ReplicaPair> = { kind: 'timed', setup: make, fn: op }
  if (prep !== undefined) task.beforeEach = prep
  return task
}

/** The sync-table operations: how to make the pair, the operation, and what must precede it. */
export const SYNC_OPS = {
  'Add member': { make: () => ReplicaPair.core(), op: (p: ReplicaPair) => p.addMember() },
  'Send message': { make: () => ReplicaPair.chat(), op: (p: ReplicaPair) => p.send() },
  'Edit message': { make: () => ReplicaPair.chat(), op: (p: ReplicaPair) => p.edit() },
  'Delete (tombstone)': {
    make: () => ReplicaPair.chat(),
    op: (p: ReplicaPair) => p.tombstone(),
    prep: (p: ReplicaPair) => void p.send(false),
  },
  'Prune tombstone': {
    make: () => ReplicaPair.chat(),
    op: (p: ReplicaPair) => p.prune(),
    prep: (p: ReplicaPair) => {
      p.send(false)
      p.tombstone()
    },
  },
} as const satisfies Record<
  string,
  { make: () => ReplicaPair; op: (p: ReplicaPair) => Captured; prep?: (p: ReplicaPair) => void }
>
