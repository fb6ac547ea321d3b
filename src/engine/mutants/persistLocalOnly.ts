/** persist-local-only: the document manager saves local transactions but not integrated remote updates. */
import type { Mutant } from './mutant.ts'

export const persistLocalOnly: Mutant = {
  name: 'persist-local-only',
  description:
    'the document manager persists local transactions but not remote updates: a restart loses what peers sent',
  kills: ['persistence'],
  apply: (base) => ({ profile: base, hooks: { saves: ({ remote }) => !remote } }),
}
