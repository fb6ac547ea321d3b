/**
 * The reference profile's core document, decoded as documented (src/engine/reference/
 * membershipLog.ts and membershipFold.ts state the format and the rules):
 *
 *   members        `<member>~<ck>~<stamp>` -> Y.Map of op entries `<ck>.<stamp>` -> {k, r?, by, s, t, sv}
 *   member_fences  `<member>~<ck>` -> { ops: [[key, client, clock, entry], ...] }  ops that took
 *                  effect before a removed member's record was pruned (replayed as they are)
 *
 * The fold: ops in (stamp, issuer, key) order, each once; an op counts when its client is
 * registered to its issuer, and (genesis aside) the issuer is active, not fenced, and allowed by
 * the role rules; an add revives a removed member only when it saw every removal. A write is
 * fenced by a removal of its author unless the removal saw it (the removal's state vector of that
 * document covers it) or a re-add that saw the removal came before it.
 */
import * as Y from 'yjs'
import { entries, inPast, type CoreRead, type StructId } from '../views.ts'
import { allowed, type Roles } from '../roleRules.ts'
import { registration } from './records.ts'

interface OpEntry {
  readonly k: string
  readonly r?: string
  readonly by: string
  readonly s: number
  readonly t: number
  readonly sv: Readonly<Record<string, Readonly<Record<string, number>>>>
}

/** One membership op as stored, with who really wrote it. */
export interface StoredOp {
  readonly key: string
  readonly target: string
  readonly entry: OpEntry
  readonly id: StructId
  readonly author: string
  readonly preapplied: boolean
}

interface State {
  active: boolean
  everActive: boolean
  role: string
  readonly removals: { id: StructId; sv: OpEntry['sv']; stored: boolean }[]
  readonly revives: { id: StructId; coreSv: Readonly<Record<string, number>> }[]
}

const isOp = (v: unknown): v is OpEntry => {
  const e = v as OpEntry
  return (
    e !== null &&
    typeof e === 'object' &&
    typeof e.s === 'number' &&
    typeof e.by === 'string' &&
    ['add', 'remove', 'role'].includes(e.k)
  )
}

const memberOfKey = (key: string): string => key.slice(0, key.indexOf('~'))

/** Every op the core document holds (live log and fence records), in fold order, each once. */
export function storedOps(core: Y.Doc): StoredOp[] {
  const ops = new Map<string, StoredOp>()
  for (const { key: fragment, value } of entries(core.getMap<unknown>('members'))) {
    if (!(value instanceof Y.Map)) continue
    for (const { key, value: entry, id } of entries(value))
      if (isOp(entry))
        ops.set(`${id.client}.${id.clock}`, {
          key,
          target: memberOfKey(fragment),
          entry,
          id,
          author: registration(core, id.client).member,
          preapplied: false,
        })
  }
  for (const [recordKey, rec] of core.getMap<unknown>('member_fences').entries()) {
    const list = (rec as { ops?: unknown })?.ops
    if (!Array.isArray(list)) continue
    for (const [key, client, clock, entry] of list as [string, number, number, unknown][]) {
      const k = `${client}.${clock}`
      if (isOp(entry) && !ops.has(k))
        ops.set(k, {
          key,
          target: memberOfKey(recordKey),
          entry,
          id: { client, clock },
          author: entry.by,
          preapplied: true,
        })
    }
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  return [...ops.values()].sort((a, b) => a.entry.s - b.entry.s || cmp(a.entry.by, b.entry.by) || cmp(a.key, b.key))
}

function fenced(
  s: State,
  id: StructId,
  coreSv: Readonly<Record<string, number>> | undefined,
  concern: string,
): boolean {
  return s.removals.some(
    (r) => !inPast(id, r.sv[concern]) && !s.revives.some((a) => inPast(r.id, a.coreSv) && inPast(a.id, coreSv)),
  )
}

/** The reference membership of a core document, and its fencing. */
export function readCore(core: Y.Doc): CoreRead {
  const states = new Map<string, State>()
  const get = (m: string): State => {
    let s = states.get(m)
    if (!s) states.set(m, (s = { active: false, everActive: false, role: 'member', removals: [], revives: [] }))
    return s
  }
  const roles: Roles = {
    roleOf: (m) => (states.get(m)?.active ? states.get(m)!.role : undefined),
    owners: () => [...states.values()].filter((s) => s.active && s.role === 'owner').length,
  }
  for (const op of storedOps(core)) {
    const e = op.entry
    if (!op.preapplied) {
      if (op.author !== e.by) continue
      const anyone = [...states.values()].some((s) => s.active)
      if (!anyone) {
        if (!(e.k === 'add' && op.target === e.by && e.r === 'owner')) continue
      } else {
        const issuer = states.get(e.by)
        if (!issuer?.active || fenced(issuer, op.id, e.sv.core, 'core')) continue
        if (!allowed(roles, e.by, e.k, op.target, e.r)) continue
        const t = states.get(op.target)
        if (e.k === 'add' && t && !t.active && !t.removals.every((r) => inPast(r.id, e.sv.core))) continue
      }
    }
    const t = get(op.target)
    if (e.k === 'remove') {
      t.active = false
      t.removals.push({ id: op.id, sv: e.sv, stored: !op.preapplied })
      continue
    }
    if (e.k === 'add' && !t.active) {
      if (t.removals.length > 0) t.revives.push({ id: op.id, coreSv: e.sv.core ?? {} })
      t.active = true
      t.everActive = true
    }
    if (e.r) t.role = e.r
  }
  const active = [...states]
    .filter(([, s]) => s.active)
    .map(([m]) => m)
    .sort()
  const stored = new Set([...core.getMap<unknown>('members').keys()].map(memberOfKey))
  const removed = [...states]
    .filter(([m, s]) => !s.active && s.everActive && stored.has(m) && s.removals.some((r) => r.stored))
    .map(([member, s]) => ({ member, deletions: s.removals.filter((r) => r.stored).map((r) => r.id) }))
  return {
    active,
    removed: () => removed,
    roleOf: roles.roleOf,
    effective(concern, doc, id) {
      const reg = registration(doc, id.client)
      const st = states.get(reg.member)
      if (!reg.member || !st?.everActive) return false
      return !fenced(st, id, reg.coreSv, concern)
    },
  }
}
