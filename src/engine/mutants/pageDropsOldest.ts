/**
 * page-drops-oldest: a paged read (the spec's get_messages, across CRDT and SQL) leaves out the
 * oldest item of a full page while its cursor points at that item: paging on skips one item per
 * page. The full read (`chat.list`) is not affected.
 */
import type { ReadPage } from '../fallback/reads.ts'
import type { Mutant } from './mutant.ts'

const dropOldest = (page: ReadPage): ReadPage => (page.next ? { ...page, items: page.items.slice(1) } : page)

export const pageDropsOldest: Mutant = {
  name: 'page-drops-oldest',
  description: 'a full page of a paged read leaves out its oldest item, though its cursor points there',
  kills: ['noLoss'],
  apply: (base) => ({ profile: base, hooks: { readPage: dropOldest } }),
}
