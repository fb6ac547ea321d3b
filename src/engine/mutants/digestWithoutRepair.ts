/**
 * digest-without-repair: anti-entropy compares digests and asks for what it lacks, but the reply
 * that carries the structs a peer lacks (sync step 2) is never sent: whatever a dropped message,
 * a partition or an offline period kept from a replica stays missing.
 */
import type { Mutant } from './mutant.ts'

export const digestWithoutRepair: Mutant = {
  name: 'digest-without-repair',
  description:
    'a replica answers digests and sync requests by asking back, but never sends the step-2 update a peer lacks: ' +
    'lost messages are never repaired',
  kills: ['convergence'],
  apply: (base) => ({ profile: base, hooks: { outgoing: (env) => (env.kind === 'step2' ? null : env) } }),
}
