/**
 * Who writes for a replica: the replica itself or, while a lying replica lies (`hooks.lie`), the
 * member it claims to be, with its own access checks skipped. Reads, keys and the membership
 * epoch stay the replica's own; only what it writes claims the other name.
 */
import type { EntityHost } from '../context/entityAccess.ts'
import type { Lie } from './hooks.ts'

/** `host`, or a view of it that writes as the liar's claimed member without access checks. */
export function writerOf<H extends EntityHost>(host: H, lie: Lie | undefined): H {
  if (!lie?.lying) return host
  return Object.create(host, { member: { value: lie.as ?? host.member }, checksAccess: { value: false } }) as H
}
