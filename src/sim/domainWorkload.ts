/**
 * Random-op generators for the kanban, issues and canvas concerns (see workload.ts): arguments refer to
 * columns, cards, issues and comments that exist in the issuing peer's own view.
 */
import { board } from '../engine/ops/kanbanOps.ts'
import { readIssue } from '../engine/ops/issuesOps.ts'
import { ISSUES } from '../engine/concerns/issues/model.ts'
import type { Rng } from '../engine/base/providers.ts'
import { activeMembers } from './views.ts'
import { liveElements } from '../engine/ops/canvasOps.ts'
import { registerGenerator, type GenContext } from './workload.ts'
import { PRIORITIES, STATUSES, ELEMENT_TYPES } from '../engine/base/enums.ts'

const pick = <T>(rng: Rng, items: readonly T[]): T | null => (items.length === 0 ? null : rng.pick(items))

const liveCards = (g: GenContext) => board(g.replica.entity(g.entity)).cards.filter((c) => !c.archived)
const columns = (g: GenContext) => board(g.replica.entity(g.entity)).columns

function openIssues(g: GenContext) {
  const e = g.replica.entity(g.entity)
  return [...e.doc('issues').doc.getMap<unknown>(ISSUES).keys()].sort().flatMap((id) => {
    const i = readIssue(e, id)
    return i && !i.closed ? [i] : []
  })
}

/** A random subset (at least one) of field writers. */
function someFields(g: GenContext, writers: Record<string, () => unknown>): Record<string, unknown> {
  const names = Object.keys(writers)
  const chosen = names.filter(() => g.rng.chance(0.4))
  const keep = chosen.length > 0 ? chosen : [g.rng.pick(names)]
  return Object.fromEntries(keep.map((n) => [n, writers[n]!()]))
}

const elements = (g: GenContext) => liveElements(g.replica.entity(g.entity))

function registerCanvasGenerators(): void {
  registerGenerator('canvas.add', (g) => ({
    elementType: g.rng.pick(ELEMENT_TYPES),
    x: g.rng.int(0, 1800),
    y: g.rng.int(0, 1000),
    width: g.rng.int(10, 400),
    height: g.rng.int(10, 300),
  }))
  registerGenerator('canvas.update', (g) => {
    const el = pick(g.rng, elements(g))
    if (!el) return null
    return {
      element: el.id,
      fields: someFields(g, {
        x: () => g.rng.int(0, 1800),
        y: () => g.rng.int(0, 1000),
        rotation: () => g.rng.int(0, 359),
        z_index: () => g.rng.int(0, 50),
        data: () => ({ label: `${g.peer} #${g.seq}` }),
      }),
    }
  })
  registerGenerator('canvas.delete', (g) => {
    const el = pick(g.rng, elements(g))
    return el ? { element: el.id } : null
  })
  registerGenerator('canvas.undo', () => ({}))
  registerGenerator('canvas.redo', () => ({}))
  registerGenerator('canvas.cursor', (g) => ({ x: g.rng.int(0, 1920), y: g.rng.int(0, 1080) }))
}

export function registerDomainGenerators(): void {
  registerCanvasGenerators()
  registerGenerator('kanban.addColumn', (g) => ({ title: `column ${g.peer} #${g.seq}` }))
  registerGenerator('kanban.renameColumn', (g) => {
    const c = pick(g.rng, columns(g))
    return c ? { column: c.id, title: `renamed ${g.peer} #${g.seq}` } : null
  })
  registerGenerator('kanban.moveColumn', (g) => {
    const cs = columns(g)
    const c = pick(g.rng, cs)
    return c ? { column: c.id, index: g.rng.int(0, cs.length - 1) } : null
  })
  registerGenerator('kanban.addCard', (g) => {
    const c = pick(g.rng, columns(g))
    return c ? { column: c.id, title: `card ${g.peer} #${g.seq}`, priority: g.rng.pick(PRIORITIES) } : null
  })
  registerGenerator('kanban.moveCard', (g) => {
    const card = pick(g.rng, liveCards(g))
    const cs = columns(g)
    const to = pick(
      g.rng,
      cs.filter((c) => c.id !== card?.column_id).length ? cs.filter((c) => c.id !== card?.column_id) : cs,
    )
    if (!card || !to) return null
    return g.rng.chance(0.5)
      ? { card: card.id, column: to.id }
      : { card: card.id, column: to.id, index: g.rng.int(0, to.card_order.filter((id) => id !== card.id).length) }
  })
  registerGenerator('kanban.updateCard', (g) => {
    const card = pick(g.rng, liveCards(g))
    if (!card) return null
    const members = activeMembers(g.replica, g.entity)
    return {
      card: card.id,
      fields: someFields(g, {
        title: () => `title ${g.peer} #${g.seq}`,
        description: () => `about ${g.peer} #${g.seq}`,
        priority: () => g.rng.pick(PRIORITIES),
        assignee_id: () => g.rng.pick(members),
      }),
    }
  })
  registerGenerator('kanban.archiveCard', (g) => {
    const card = pick(g.rng, liveCards(g))
    return card ? { card: card.id } : null
  })
  registerGenerator('issues.create', (g) => ({
    title: `issue ${g.peer} #${g.seq}`,
    priority: g.rng.pick(PRIORITIES),
    status: g.rng.pick(STATUSES.filter((s) => s !== 'done' && s !== 'canceled')),
  }))
  registerGenerator('issues.update', (g) => {
    const issue = pick(g.rng, openIssues(g))
    if (!issue) return null
    const members = activeMembers(g.replica, g.entity)
    return {
      issue: issue.id,
      fields: someFields(g, {
        title: () => `title ${g.peer} #${g.seq}`,
        description: () => `about ${g.peer} #${g.seq}`,
        status: () => g.rng.pick(STATUSES),
        priority: () => g.rng.pick(PRIORITIES),
        assignee_id: () => g.rng.pick(members),
      }),
    }
  })
  registerGenerator('issues.comment', (g) => {
    const issue = pick(g.rng, openIssues(g))
    return issue ? { issue: issue.id, content: `comment ${g.peer} #${g.seq}` } : null
  })
  registerGenerator('issues.editComment', (g) => {
    const issue = pick(
      g.rng,
      openIssues(g).filter((i) => i.comments.some((c) => !c.deleted)),
    )
    const c =
      issue &&
      pick(
        g.rng,
        issue.comments.filter((x) => !x.deleted),
      )
    return issue && c ? { issue: issue.id, comment: c.id, content: `edited ${g.peer} #${g.seq}` } : null
  })
  registerGenerator('issues.deleteComment', (g) => {
    const issue = pick(
      g.rng,
      openIssues(g).filter((i) => i.comments.some((c) => !c.deleted)),
    )
    const c =
      issue &&
      pick(
        g.rng,
        issue.comments.filter((x) => !x.deleted),
      )
    return issue && c ? { issue: issue.id, comment: c.id } : null
  })
  registerGenerator('issues.close', (g) => {
    const issue = pick(g.rng, openIssues(g))
    return issue ? { issue: issue.id } : null
  })
}
