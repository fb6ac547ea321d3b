/**
 * The memory table's documents built through the engine's ops, from the same `Workload` records
 * as the raw Yjs baselines: the same members, messages, reactions, attachments and thread
 * replies, each written by its author's own replica (pinned clientID = workload position + 1, as
 * raw Yjs pins its authors) at the record's time. What differs is only what the engine writes.
 *
 * Topology: every author's replica sends to the hub (the owner's replica), which integrates
 * everything; an author that replies to or reacts on a message it does not hold yet first catches
 * up from the hub (sync step 1 / step 2), as a replica coming online would.
 */
import type { DocId, EntityId, MemberId } from '../../src/engine/base/ids.ts'
import type { MemberRecord, MessageRecord, Workload } from '../workloads.ts'
import { BenchWorld } from './world.ts'
import type { Role, ProfileName } from '../../src/engine/base/enums.ts'

/** The engine entity of a workload (a project, so kanban and issues can join later). */
export const entityIdOf = (w: Workload): EntityId => `project:${w.entity.id}`

/** The document id of one of the workload entity's concerns. */
export const docIdOf = (w: Workload, concern: 'core' | 'chat' | 'kanban' | 'issues'): DocId =>
  `${entityIdOf(w)}:${concern}`

/** Pinned clientID of a workload member's replica: its position plus one, as raw Yjs pins it. */
export const clientOfMember = (w: Workload, member: MemberId): number => w.members.findIndex((m) => m.id === member) + 1

/** A world whose hub (the owner's replica) created the workload's entity with `initial` members besides the owner. */
export function createdWorld(profile: ProfileName, w: Workload, initial: readonly MemberRecord[] = []): BenchWorld {
  const world = new BenchWorld(profile, entityIdOf(w))
  const owner = world.add(w.entity.owner, 1)
  world.clock.set(w.entity.createdAt)
  const members: Record<MemberId, Role> = {}
  for (const m of initial) if (m.id !== w.entity.owner) members[m.id] = m.role
  owner.createEntity(world.entityId, { name: w.entity.name, description: w.entity.description, members })
  world.discard(w.entity.owner)
  return world
}

/** Adds a member on the hub through `member.add`, at the record's join time. */
export function addMember(world: BenchWorld, w: Workload, m: MemberRecord): void {
  world.clock.set(m.joinedAt)
  world.get(w.entity.owner).execute('member.add', world.entityId, { member: m.id, role: m.role })
}

/** The core document of the memory table: the entity, then its first `members` members added one by one. */
export function coreWorld(profile: ProfileName, w: Workload, members: number): BenchWorld {
  while (w.members.length < members) w.member()
  const world = createdWorld(profile, w)
  for (const m of w.members.slice(1, members)) addMember(world, w, m)
  world.discard(w.entity.owner)
  return world
}

/** `chat.send` arguments of a workload message; `ids` maps workload ids to engine ids (for `replyTo`). */
export function sendArgs(m: MessageRecord, ids: ReadonlyMap<string, string>): Record<string, unknown> {
  const args: Record<string, unknown> = { content: m.content }
  if (m.attachments.length > 0)
    args.attachments = m.attachments.map((a) => ({
      filename: a.filename,
      mimeType: a.mimeType,
      sizeBytes: a.sizeBytes,
    }))
  if (m.replyTo !== undefined) args.replyTo = ids.get(m.replyTo)
  return args
}

/**
 * The authors' replicas around the hub: each loaded from the hub's state when first needed, each
 * write handed to the hub. The writers of chat, kanban and issues build on it.
 */
export class HubAuthors {
  protected readonly hub: MemberId

  /**
   * `clientOf` pins each author's clientID (default `clientOfMember`). A writer continuing an
   * entity that other replicas of the same members already wrote to passes fresh ones: Yjs gives a
   * doc a random clientID when a load brings in structs of its own clientID.
   */
  constructor(
    readonly world: BenchWorld,
    readonly w: Workload,
    private readonly clientOf: (member: MemberId) => number = (member) => clientOfMember(w, member),
  ) {
    this.hub = w.entity.owner
  }

  /** The member's replica, loaded from the hub's state when first needed (as a member coming online). */
  protected replicaOf(member: MemberId): void {
    if (!this.world.has(member)) this.world.fork(member, this.clientOf(member), this.world.snapshot(this.hub))
  }

  /** Brings `member`'s `concern` document up to date with the hub (sync step 1, step 2). */
  protected catchUp(member: MemberId, concern: 'chat' | 'kanban' | 'issues'): void {
    if (member === this.hub || !this.world.has(member)) return
    this.world.get(member).requestSync(this.hub, docIdOf(this.w, concern))
    this.world.deliver(member, [this.hub])
    this.world.deliver(this.hub, [member])
  }

  /** Runs `op` as `member` at time `at` and hands what it published to the hub. Returns the created id, if any. */
  protected run(member: MemberId, at: number, op: string, args: Record<string, unknown>): string | undefined {
    this.replicaOf(member)
    this.world.clock.set(at)
    const out = this.world.get(member).execute(op, this.world.entityId, args)
    if (member === this.hub) this.world.discard(this.hub)
    else this.world.deliver(member, [this.hub])
    return out.createdId
  }
}

/** Writes the workload's messages through `chat.send` / `chat.react` on their authors' replicas. */
export class ChatWriter extends HubAuthors {
  /** Workload message id -> engine message id. */
  readonly ids = new Map<string, string>()
  /** Engine ids of top-level messages, oldest first (what edits and deletes draw from). */
  readonly topLevel: string[] = []

  /** Sends one workload message with its attachments, then its reactions. Returns the engine id. */
  send(m: MessageRecord): string {
    const args = sendArgs(m, this.ids)
    if (m.replyTo !== undefined) this.catchUp(m.author, 'chat')
    const id = this.run(m.author, m.createdAt, 'chat.send', args)!
    this.ids.set(m.id, id)
    if (m.replyTo === undefined) this.topLevel.push(id)
    for (const r of m.reactions) {
      for (const member of r.members) {
        if (member !== m.author) this.catchUp(member, 'chat')
        this.run(member, m.createdAt, 'chat.react', { message: id, emoji: r.emoji })
      }
    }
    return id
  }
}

/** A chat of `messages` workload messages (one in ten a thread reply unless `replies` is false), with its writer. */
export function chatWorld(profile: ProfileName, w: Workload, messages: number, replies = true): ChatWriter {
  const writer = new ChatWriter(createdWorld(profile, w, w.members), w)
  for (let i = 0; i < messages; i++) writer.send(w.message(replies))
  return writer
}
