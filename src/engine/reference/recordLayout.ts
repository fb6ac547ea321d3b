/**
 * The reference profile's item layout (README.md): the keys of an item's fragment, the shapes of
 * their values, and the conflict rules that order them. records.ts writes it, recordRead.ts reads it.
 */
import * as Y from 'yjs'
import { LabError } from '../base/errors.ts'
import type { MemberId } from '../base/ids.ts'
import type { Fields, Json } from '../ports/records.ts'
import { registrationOf } from './registry.ts'
import type { ManagedDoc } from '../docs/documentManager.ts'

export type Creation = { s: number; t: number; f: Fields }
export type Slot = [number, Json, number]
export type DeletionRecord = [number, number, number, MemberId]
export type RevivalRecord = [number, Record<string, number>, number, MemberId]

export const CREATION = '_'
export const DEL = '~d~'
export const REV = '~r~'

/** One write a field may show: its LWW slot, or the creation's initial value. */
export interface Candidate {
  readonly stamp: number
  readonly member: string
  readonly client: number
  readonly value: Json
}

/** One deletion record an ack must cover: the struct holding it (its client key and clock). */
export interface DeletionMark {
  readonly ck: string
  readonly clock: number
}

/**
 * The conflict rules of the layout, as one strategy (mutation tests swap in broken ones):
 * which of two writes a field shows, and whether an ack covers an item's deletions.
 */
export interface RecordRules {
  /** Does write `a` beat write `b`? */
  beats(a: Candidate, b: Candidate): boolean
  /** Does a watermark `covers` (client key -> clock held below) acknowledge every one of `deletions`? */
  ackCovers(covers: Readonly<Record<string, number>>, deletions: readonly DeletionMark[]): boolean
}

/** The reference rules: greater (stamp, member, client) wins; a watermark must cover every deletion record. */
export const REFERENCE_RECORD_RULES: RecordRules = {
  beats(a, b) {
    if (a.stamp !== b.stamp) return a.stamp > b.stamp
    if (a.member !== b.member) return a.member > b.member
    return a.client > b.client
  },
  ackCovers: (covers, deletions) => deletions.every((d) => (covers[d.ck] ?? 0) > d.clock),
}

export const fragmentOf = (coll: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined => {
  const f = coll.get(id)
  return f instanceof Y.Map ? f : undefined
}

export function mustFragment(coll: Y.Map<unknown>, id: string): Y.Map<unknown> {
  const f = fragmentOf(coll, id)
  if (!f) throw new LabError('NOT_FOUND', `no item ${JSON.stringify(id)}`, { path: id })
  return f
}

export const memberOf = (md: ManagedDoc, client: number): string => registrationOf(md, client)?.member ?? ''
