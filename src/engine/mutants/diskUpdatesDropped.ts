/**
 * disk-updates-dropped: the receive path routes updates of the five concerns and drops those of the
 * virtual disks (their documents' concerns are `disk-*`): files written on one replica never reach
 * another, and anti-entropy's repair is an update too.
 */
import type { Mutant } from './mutant.ts'

/** An update that holds nothing (no structs, an empty delete set). */
const EMPTY_UPDATE = new Uint8Array([0, 0])

export const diskUpdatesDropped: Mutant = {
  name: 'disk-updates-dropped',
  description: "a receiver drops every update of a virtual disk's document: files never reach other replicas",
  kills: ['convergence', 'scenario:shared-files'],
  apply: (base) => ({
    profile: base,
    hooks: { incomingUpdate: (docId, update) => (docId.includes(':disk-') ? EMPTY_UPDATE : update) },
  }),
}
