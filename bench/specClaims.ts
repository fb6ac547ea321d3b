/**
 * The claims of the spec's "Performance Characteristics" and "Tombstone Performance" sections,
 * as data: row names as the spec words them, figures in bytes / ms / items. Sizes written "KB"
 * and "MB" in the memory table are binary (51200 B for "~50KB", as DESIGN §7's example); the
 * tombstone figures are the spec's own arithmetic (200 B + 20 B × members, so 2.2 KB = 2200 B).
 */
import type { RowClaim } from './harness.ts'

/**
 * A row of the spec's tables: its claim, whose wording is always given, or (`claimed` null, no
 * wording) a row the lab measures beside one, which the spec gives no figure for.
 */
export type SpecClaim = RowClaim & ({ claimText: string } | { claimed: null; claimText?: undefined })

const KB = 1024
const MB = 1024 * 1024

/** Nominal item counts of the memory table's documents. */
export const MEMORY_DOCS = [
  {
    kind: 'core',
    row: 'core (100 members)',
    count: 100,
    size: [50 * KB, '~50KB'],
    load: [10, '<10ms', 'under'],
    mem: [200 * KB, '~200KB'],
    items: 'members',
  },
  {
    kind: 'chat',
    row: 'chat (1000 messages)',
    count: 1000,
    size: [2 * MB, '~2MB'],
    load: [50, '~50ms', 'about'],
    mem: [8 * MB, '~8MB'],
    items: 'messages',
  },
  {
    kind: 'kanban',
    row: 'kanban (500 cards)',
    count: 500,
    size: [1 * MB, '~1MB'],
    load: [20, '~20ms', 'about'],
    mem: [4 * MB, '~4MB'],
    items: 'cards',
  },
  {
    kind: 'issues',
    row: 'issues (1000 issues)',
    count: 1000,
    size: [5 * MB, '~5MB'],
    load: [100, '~100ms', 'about'],
    mem: [20 * MB, '~20MB'],
    items: 'issues',
  },
] as const

const memoryClaims = (): SpecClaim[] =>
  MEMORY_DOCS.flatMap(
    (d) =>
      [
        {
          table: 'memory',
          row: d.row,
          metric: 'docBytes',
          claimed: d.size[0],
          unit: 'B',
          bound: 'about',
          claimText: d.size[1],
          note: `encoded state (V1 / V2) of ${d.count} ${d.items}`,
        },
        {
          table: 'memory',
          row: d.row,
          metric: 'loadMs',
          claimed: d.load[0],
          unit: 'ms',
          bound: d.load[2],
          claimText: d.load[1],
          note: 'apply the encoded state to an empty document',
        },
        {
          table: 'memory',
          row: d.row,
          metric: 'memBytes',
          claimed: d.mem[0],
          unit: 'B',
          bound: 'about',
          claimText: d.mem[1],
          note: 'heap held by the loaded document (fresh child process, after GC)',
        },
      ] satisfies SpecClaim[],
  )

/** Sync table: [row, network claim, network text, cpu claim, workload]. */
const SYNC = [
  ['Add member', 1 * KB, '~1KB', 1, 'a MemberData map and its active_members flag, into a core of 100 members'],
  ['Send message', 2 * KB, '~2KB', 5, 'a MessageData map (chat of 1000 messages, same content mix)'],
  ['Edit message', 500, '~500B', 1, 'new content and updated_at'],
  ['Delete (tombstone)', 500, '~500B', 1, 'deleted = true and deleted_at'],
  ['Prune tombstone', 0, '0', 1, 'messages.delete(id), local on each replica'],
] as const

const syncClaims = (): SpecClaim[] => [
  ...SYNC.flatMap(
    ([row, bytes, text, cpu, note]) =>
      [
        {
          table: 'sync',
          row,
          metric: 'updateBytes',
          claimed: bytes,
          unit: 'B',
          bound: row === 'Prune tombstone' ? 'atMost' : 'about',
          claimText: text,
          note: `${note}; mean of 50 operations`,
        },
        {
          table: 'sync',
          row,
          metric: 'cpuMs',
          claimed: cpu,
          unit: 'ms',
          bound: 'under',
          claimText: `<${cpu}ms`,
          note:
            row === 'Prune tombstone'
              ? 'the last ack arriving (applied) and the prune it completes: local, on the pruning replica'
              : 'operation on the sender plus applying its update on a receiver',
        },
      ] satisfies SpecClaim[],
  ),
  {
    table: 'sync',
    row: 'Full entity sync',
    metric: 'updateBytes',
    claimed: null,
    unit: 'B',
    claimText: 'Variable',
    note: 'diffs of core (100 members), chat (1000), kanban (500), issues (1000) into empty replicas',
  },
  {
    table: 'sync',
    row: 'Full entity sync',
    metric: 'cpuMs',
    claimed: 100,
    unit: 'ms',
    bound: 'under',
    claimText: '<100ms',
    note: 'state vector, diff and apply for the four documents',
  },
]

/** Scalability: [row, limit bytes, claimed items, spec wording, concern]. */
export const SCALABILITY = [
  ['Core', 1 * MB, 100_000, '1MB (100,000 members with metadata)', 'core'],
  ['Chat', 10 * MB, 50_000, '10MB (50,000 messages with threads)', 'chat'],
  ['Kanban', 5 * MB, 25_000, '5MB (25,000 cards)', 'kanban'],
  ['Issues', 10 * MB, 50_000, '10MB (50,000 issues)', 'issues'],
] as const

const scalabilityClaims = (): SpecClaim[] =>
  SCALABILITY.map(([row, limit, items, text]) => ({
    table: 'scalability',
    row,
    metric: 'items',
    claimed: items,
    unit: 'items',
    bound: 'capacity',
    claimText: text,
    note: `items whose encoded state stays within ${limit / MB} MB`,
  }))

/** Member counts of the tombstone rows. */
export const TOMBSTONE_MEMBERS = [10, 100, 1000] as const

/**
 * When, in a document's life, a tombstone row's tombstone comes: `later`, every member has acked
 * one of the document's tombstones before (the claim's "per tombstone overhead": what a member
 * writes once per document is there already); `first`, the document's first tombstone, each ack
 * its member's first write there (per-tombstone and per-document bytes together, no claim).
 */
export type TombstoneMoment = 'first' | 'later'
export const TOMBSTONE_MOMENTS: readonly TombstoneMoment[] = ['later', 'first']

/** The tombstone row of `n` members at `moment`. */
export const tombstoneRow = (n: number, moment: TombstoneMoment = 'later'): string =>
  moment === 'later' ? `Total for ${n} members` : `Total for ${n} members (the document's first tombstone)`

const tombstoneClaims = (): SpecClaim[] => [
  ...TOMBSTONE_MEMBERS.map(
    (n): SpecClaim => ({
      table: 'tombstone',
      row: tombstoneRow(n),
      metric: 'bytesPerTombstone',
      claimed: 200 + 20 * n,
      unit: 'B',
      bound: 'about',
      claimText: `~200 B + ~20 B × ${n}`,
      note:
        `a member of ${n} tombstoned, then acked by all ${n}, in a document where every member ` +
        `acked a tombstone before (an earlier member's, pruned)`,
    }),
  ),
  ...TOMBSTONE_MEMBERS.map(
    (n): SpecClaim => ({
      table: 'tombstone',
      row: tombstoneRow(n, 'first'),
      metric: 'bytesPerTombstone',
      claimed: null,
      unit: 'B',
      note:
        `a member of ${n} tombstoned, then acked by all ${n}, each ack its member's first write in the ` +
        `document: what a member writes there once is counted too, so the spec's per-tombstone claim ` +
        `is not the bound`,
    }),
  ),
  {
    table: 'tombstone',
    row: 'Worst case: 1000 tombstones × 100 members',
    metric: 'docBytes',
    claimed: 2_200_000,
    unit: 'B',
    bound: 'about',
    claimText: '~2.2MB',
    note: 'growth of a chat of 1000 messages when all are tombstoned and acked by 100 members',
  },
]

/** Every claim, in report order. */
export const specClaims = (): SpecClaim[] => [
  ...memoryClaims(),
  ...syncClaims(),
  ...scalabilityClaims(),
  ...tombstoneClaims(),
]
