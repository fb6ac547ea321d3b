/**
 * The membership log's fold, kept up to date from what each transaction of the core document
 * changed, instead of reading and folding the whole log again on every change.
 *
 * An op's fate in the fold depends only on the ops before it in linear order (membershipFold.ts),
 * so when every op a change brought comes after the last op folded, the new fold is the old one
 * continued with them: that is the common case (a local op carries a greater Lamport stamp than
 * anything its replica integrated, and so does a remote op its sender wrote after the ops it
 * already sent). Anything else folds the whole log again, as the first view does: an op that
 * sorts earlier (concurrent ops crossing), a removed or rewritten fragment or op (a prune), a
 * new fence record, a registration rewritten (an op's author could change), a Yjs rebuild.
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import { foldMembership, type FoldResult, type MembershipRules } from './membershipFold.ts'
import {
  compareOps,
  fencesMap,
  linearize,
  memberOfKey,
  membersMap,
  readFenceOps,
  readOps,
  storedOp,
  type OpEntry,
  type StoredOp,
} from './membershipLog.ts'
import { REGISTRY } from './registry.ts'
import { forEachEntry } from '../base/yjsInternals.ts'

/** What changed since the last fold. */
interface Pending {
  /** Fold everything again. */
  full: boolean
  /** Fragments created since (all their ops are new). */
  readonly fragments: Set<string>
  /** New op keys per existing fragment. */
  readonly entries: Map<string, Set<string>>
}

const nothing = (full: boolean): Pending => ({ full, fragments: new Set(), entries: new Map() })

/** A map entry's key was set for the first time in `tr` (not rewritten, not deleted). */
function firstWrite(map: object, key: string): boolean {
  const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key)
  return item !== undefined && !item.deleted && item.left === null
}

export class LogFold {
  private pending = nothing(true)
  private fold: FoldResult | undefined
  private readonly storedMembers = new Set<MemberId>()
  /** Clients that wrote an op the log holds (fence records' included): see `causalCoreSv`. */
  private readonly opClients = new Set<number>()
  /** Folds done from scratch and continued (for tests). */
  readonly counts = { full: 0, continued: 0 }

  constructor(
    private readonly core: ManagedDoc,
    private readonly rules: MembershipRules,
  ) {
    core.doc.on('afterTransaction', (tr: Y.Transaction) => this.observe(tr))
  }

  /** The fold of the log as the document holds it now. */
  current(): { fold: FoldResult; stored: ReadonlySet<MemberId>; opClients: ReadonlySet<number> } {
    const p = this.pending
    this.pending = nothing(false)
    const more = p.full || this.fold === undefined ? undefined : this.newOps(p)
    if (more === undefined) {
      this.counts.full++
      const ops = [...readOps(this.core), ...readFenceOps(this.core.doc)]
      this.fold = foldMembership(linearize(ops), this.rules)
      this.storedMembers.clear()
      forEachEntry(membersMap(this.core.doc), (key) => void this.storedMembers.add(memberOfKey(key)))
      this.opClients.clear()
      for (const op of ops) this.opClients.add(op.id.client)
    } else if (more.length > 0) {
      this.counts.continued++
      this.fold = this.fold!.extend(more)
      for (const f of p.fragments) this.storedMembers.add(memberOfKey(f))
      for (const op of more) this.opClients.add(op.id.client)
    }
    return { fold: this.fold!, stored: this.storedMembers, opClients: this.opClients }
  }

  /** The ops a change brought, in linear order, when they all come after the fold; else undefined. */
  private newOps(p: Pending): StoredOp[] | undefined {
    const members = membersMap(this.core.doc)
    const ops: StoredOp[] = []
    for (const fragment of p.fragments) {
      const frag = members.get(fragment)
      if (!(frag instanceof Y.Map)) return undefined
      for (const key of frag.keys()) {
        const op = storedOp(this.core, fragment, frag, key)
        if (op) ops.push(op)
      }
    }
    for (const [fragment, keys] of p.entries) {
      if (p.fragments.has(fragment)) continue
      const frag = members.get(fragment)
      if (!(frag instanceof Y.Map)) return undefined
      for (const key of keys) {
        if (!firstWrite(frag, key)) return undefined
        const op = storedOp(this.core, fragment, frag as Y.Map<OpEntry>, key)
        if (op) ops.push(op)
      }
    }
    linearize(ops)
    const last = this.fold!.last
    if (ops.length > 0 && last !== undefined && compareOps(ops[0]!, last) <= 0) return undefined
    return ops
  }

  private observe(tr: Y.Transaction): void {
    const p = this.pending
    if (p.full) return
    const doc = this.core.doc
    const members = membersMap(doc)
    for (const [type, keys] of tr.changed) {
      if (type === (fencesMap(doc) as unknown)) return void (p.full = true)
      if (type === (members as unknown)) {
        for (const key of keys) {
          if (key === null || !firstWrite(members, key)) return void (p.full = true)
          p.fragments.add(key)
        }
      } else if (type === (doc.getMap(REGISTRY) as unknown)) {
        for (const key of keys) if (key === null || !firstWrite(type, key)) return void (p.full = true)
      } else if (type._item?.parent === members) {
        const fragment = type._item.parentSub
        if (fragment === null) return void (p.full = true)
        let set = p.entries.get(fragment)
        if (set === undefined) p.entries.set(fragment, (set = new Set()))
        for (const key of keys) {
          if (key === null) return void (p.full = true)
          set.add(key)
        }
      }
    }
  }
}

const KEY = 'ref-membership-log'

/** The log fold of a core document under `rules` (one per document and rules, made on first use). */
export function logFoldOf(core: ManagedDoc, rules: MembershipRules): LogFold {
  const hit = core.ext.get(KEY) as { rules: MembershipRules; log: LogFold } | undefined
  if (hit !== undefined && hit.rules === rules) return hit.log
  const log = new LogFold(core, rules)
  core.ext.set(KEY, { rules, log })
  return log
}
