/**
 * gauge-forgets-since: the size gauge's estimate is its last exact measurement, without the bytes
 * written since: a document is seen past its threshold only at the next re-measurement (a slack of
 * writes later), and one that grew by less stays past its threshold holding what should have moved.
 */
import type { Mutant } from './mutant.ts'

export const gaugeForgetsSince: Mutant = {
  name: 'gauge-forgets-since',
  description:
    'the size estimate leaves out the bytes written since the last measurement: a document sits past its ' +
    'threshold, unmoved',
  kills: ['sizeThreshold'],
  apply: (base) => ({ profile: base, hooks: { gaugeBytes: (exact) => exact } }),
}
