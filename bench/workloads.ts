/**
 * The logical work behind every bench row, free of any CRDT: who the members are, what the
 * messages say, which cards and issues exist. Raw Yjs and the engine profiles build their
 * documents from the same records, so their figures compare like with like. Everything comes
 * from a seeded `Rng`; the same seed gives the same workload.
 *
 * Content lengths are chosen to look like real use (and are stated on the report):
 * chat messages 10–600 characters (half under 60, mean about 120), 20% with reactions, 5% with an
 * attachment, one in ten a thread reply; card titles 10–60 and descriptions 0–400; issue
 * descriptions 40–800 with 0–4 comments of 20–300 characters.
 */
import { Rng } from '../src/engine/base/providers.ts'
import { PRIORITIES, STATUSES } from '../src/engine/base/enums.ts'

/** Virtual epoch of every workload (ms), so timestamps are realistic and deterministic. */
export const EPOCH_MS = Date.UTC(2026, 0, 1)

const WORDS = [
  'ocean',
  'forest',
  'moon',
  'star',
  'river',
  'stone',
  'cloud',
  'ember',
  'maple',
  'harbor',
  'willow',
  'falcon',
  'meadow',
  'canyon',
  'breeze',
  'glacier',
  'copper',
  'silver',
  'amber',
  'cedar',
  'delta',
  'echo',
  'frost',
  'garden',
  'hollow',
  'island',
  'jade',
  'kestrel',
  'lantern',
  'marble',
  'north',
  'orchid',
  'pepper',
  'quartz',
  'raven',
  'summit',
  'thunder',
  'umber',
  'valley',
  'winter',
  'yonder',
  'zephyr',
  'bright',
  'gentle',
  'quiet',
  'swift',
  'wave',
  'fire',
]
const EMOJI = ['👍', '❤️', '😂', '🎉', '👀', '🚀']

/** A four-word identity such as `ocean-forest-moon-star`. */
export const fourWords = (rng: Rng): string => [0, 1, 2, 3].map(() => rng.pick(WORDS)).join('-')

/** Text of `min`..`max` characters made of words, like a sentence a person would type. */
export function text(rng: Rng, min: number, max: number): string {
  const target = rng.int(min, max)
  let s = ''
  while (s.length < target) s += (s.length === 0 ? '' : ' ') + rng.pick(WORDS)
  return s.slice(0, target)
}

/** A UUID-shaped id (the spec's messages use "UUID or content-hash"). */
export function uuid(rng: Rng): string {
  const hex = (n: number): string => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('')
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${hex(4)}-${hex(12)}`
}

/** Chat content: half short (10–60), a third medium (60–200), the rest long (200–600). */
export function chatContent(rng: Rng): string {
  const r = rng.next()
  return r < 0.5 ? text(rng, 10, 60) : r < 0.85 ? text(rng, 60, 200) : text(rng, 200, 600)
}

export interface MemberRecord {
  id: string
  role: 'owner' | 'admin' | 'member'
  joinedAt: number
}
export interface EntityRecord {
  id: string
  type: 'project'
  name: string
  description: string
  fourWords: string
  createdAt: number
  owner: string
}

export interface MessageRecord {
  id: string
  author: string
  content: string
  createdAt: number
  /** Parent message when this is a thread reply. */
  replyTo?: string
  reactions: { emoji: string; members: string[] }[]
  attachments: { id: string; filename: string; filePath: string; mimeType: string; sizeBytes: number }[]
}

export interface CardRecord {
  id: string
  title: string
  description: string
  column: string
  assignee: string
  priority: string
  createdAt: number
}
export interface IssueRecord {
  id: string
  title: string
  description: string
  status: string
  priority: string
  assignee: string
  reporter: string
  createdAt: number
  comments: { id: string; author: string; content: string; createdAt: number }[]
}

/** A stream of workload records for one entity; `members` exist before anything else. */
export class Workload {
  readonly rng: Rng
  readonly entity: EntityRecord
  readonly members: MemberRecord[] = []
  private clock = EPOCH_MS
  private readonly topLevel: string[] = []

  constructor(seed: string | number, memberCount = 20) {
    this.rng = new Rng(seed)
    const owner = fourWords(this.rng)
    this.entity = {
      id: fourWords(this.rng),
      type: 'project',
      name: text(this.rng, 8, 30),
      description: text(this.rng, 40, 200),
      fourWords: fourWords(this.rng),
      createdAt: this.tick(),
      owner,
    }
    this.members.push({ id: owner, role: 'owner', joinedAt: this.entity.createdAt })
    for (let i = 1; i < memberCount; i++) this.member()
  }

  /** Advances the workload clock by a few seconds and returns it. */
  tick(): number {
    this.clock += this.rng.int(1_000, 60_000)
    return this.clock
  }

  member(): MemberRecord {
    const m: MemberRecord = {
      id: `${fourWords(this.rng)}-${this.members.length}`,
      role: this.rng.chance(0.05) ? 'admin' : 'member',
      joinedAt: this.tick(),
    }
    this.members.push(m)
    return m
  }

  private someone(): string {
    return this.rng.pick(this.members).id
  }

  /** The next message; one in ten is a thread reply unless `replies` is false. */
  message(replies = true): MessageRecord {
    const id = uuid(this.rng)
    const m: MessageRecord = {
      id,
      author: this.someone(),
      content: chatContent(this.rng),
      createdAt: this.tick(),
      reactions: [],
      attachments: [],
    }
    if (replies && this.topLevel.length > 0 && this.rng.chance(0.1)) m.replyTo = this.rng.pick(this.topLevel)
    else this.topLevel.push(id)
    if (this.rng.chance(0.2)) {
      for (let i = this.rng.int(1, 3); i > 0; i--)
        m.reactions.push({ emoji: this.rng.pick(EMOJI), members: [this.someone()] })
    }
    if (this.rng.chance(0.05)) {
      const name = `${this.rng.pick(WORDS)}_${this.rng.int(1, 999)}.png`
      m.attachments.push({
        id: uuid(this.rng),
        filename: name,
        filePath: `/shared/attachments/${name}`,
        mimeType: 'image/png',
        sizeBytes: this.rng.int(10_000, 2_000_000),
      })
    }
    return m
  }

  card(columns: readonly string[]): CardRecord {
    return {
      id: uuid(this.rng),
      title: text(this.rng, 10, 60),
      description: text(this.rng, 0, 400),
      column: this.rng.pick(columns),
      assignee: this.someone(),
      priority: this.rng.pick(PRIORITIES),
      createdAt: this.tick(),
    }
  }

  issue(): IssueRecord {
    const comments = Array.from({ length: this.rng.int(0, 4) }, () => ({
      id: uuid(this.rng),
      author: this.someone(),
      content: text(this.rng, 20, 300),
      createdAt: this.tick(),
    }))
    return {
      id: uuid(this.rng),
      title: text(this.rng, 15, 80),
      description: text(this.rng, 40, 800),
      status: this.rng.pick(STATUSES),
      priority: this.rng.pick(PRIORITIES),
      assignee: this.someone(),
      reporter: this.someone(),
      createdAt: this.tick(),
      comments,
    }
  }
}

/** Kanban columns of the spec's example board. */
export const KANBAN_COLUMNS = ['Backlog', 'Todo', 'In Progress', 'Done'] as const
