/** card-in-old-column: the board also lists a moved card in the column it was created in. */
import type { ReadCtx } from '../ports/records.ts'
import { referenceProfile } from '../profile/profile.ts'
import { createdFields } from '../reference/records.ts'
import { ReferenceKanban } from '../concerns/kanban/refKanban.ts'
import { CARDS, type BoardView } from '../concerns/kanban/model.ts'
import { NO_HOOKS } from '../replica/hooks.ts'
import { requireReference, type Mutant } from './mutant.ts'

/** A board that derives lists from each card's column_id, and from the column_id it was created with. */
class OldColumnBoard extends ReferenceKanban {
  override board(rctx: ReadCtx): BoardView {
    const b = super.board(rctx)
    const cards = rctx.md.doc.getMap<unknown>(CARDS)
    const extra = new Map<string, string[]>()
    for (const c of b.cards) {
      const old = createdFields(cards, c.id)?.column_id
      if (c.archived || typeof old !== 'string' || old === c.column_id) continue
      extra.set(old, [...(extra.get(old) ?? []), c.id])
    }
    return {
      ...b,
      columns: b.columns.map((col) =>
        extra.has(col.id) ? { ...col, card_order: [...col.card_order, ...extra.get(col.id)!] } : col,
      ),
    }
  }
}

export const cardInOldColumn: Mutant = {
  name: 'card-in-old-column',
  description: 'the reference board also lists a moved card in the column its previous position (its creation) named',
  kills: ['cardOneColumn'],
  apply(base) {
    requireReference(base, this.name)
    const profile = referenceProfile()
    return { profile: { ...profile, kanban: new OldColumnBoard(profile.records) }, hooks: NO_HOOKS }
  },
}
