/**
 * The memory table's kanban and issues documents built through the engine's ops, from the same
 * `Workload` records as raw Yjs (bench/rawYjs/documents.ts `kanbanDoc`, `issuesDoc`): the
 * spec's four columns, then every card in its column with its title, description, assignee and
 * priority; every issue with its title, description, status, priority, assignee and comments.
 * Each record is written by the member raw Yjs writes it as (a card by its assignee, an issue by
 * its reporter, a comment by its author), on that member's replica, handed to the hub.
 *
 * What the ops cannot say in one call takes a second one, as a client would do it:
 * `kanban.addCard` takes a title and priority, so description and assignee follow in one
 * `kanban.updateCard`; `issues.create` takes title, priority and status, so description and
 * assignee follow in one `issues.update`; each comment is its own `issues.comment`. A card's
 * author first catches up with the hub (it appends at the end of its column as it sees it), and
 * so does a commenter who is not the reporter (it needs the issue).
 *
 * Times: the workload draws an issue's comments before the issue itself (their `createdAt` is
 * earlier); the engine cannot comment on an issue before it exists, so comments are written at
 * the issue's time.
 */
import type { MemberId } from '../../src/engine/base/ids.ts'
import { KANBAN_COLUMNS, type CardRecord, type IssueRecord, type Workload } from '../workloads.ts'
import { createdWorld, HubAuthors } from './documents.ts'
import type { BenchWorld } from './world.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

/** Writes the workload's board through `kanban.addColumn`, `kanban.addCard` and `kanban.updateCard`. */
export class KanbanWriter extends HubAuthors {
  /** Column title (the workload's) -> engine column id. */
  readonly columns = new Map<string, string>()
  /** Engine card ids, oldest first. */
  readonly cards: string[] = []

  /** Adds the spec's four columns on the hub, at the entity's creation time (raw Yjs writes them first too). */
  constructor(world: BenchWorld, w: Workload, clientOf?: (member: MemberId) => number) {
    super(world, w, clientOf)
    for (const title of KANBAN_COLUMNS)
      this.columns.set(title, this.run(this.hub, w.entity.createdAt, 'kanban.addColumn', { title })!)
  }

  /** Adds one workload card in its column, then its description and assignee. Returns the engine id. */
  add(c: CardRecord): string {
    this.catchUp(c.assignee, 'kanban')
    const id = this.run(c.assignee, c.createdAt, 'kanban.addCard', {
      column: this.columns.get(c.column),
      title: c.title,
      priority: c.priority,
    })!
    const fields: Record<string, string> = { assignee_id: c.assignee }
    if (c.description !== '') fields.description = c.description
    this.run(c.assignee, c.createdAt, 'kanban.updateCard', { card: id, fields })
    this.cards.push(id)
    return id
  }
}

/** Writes the workload's issues through `issues.create`, `issues.update` and `issues.comment`. */
export class IssuesWriter extends HubAuthors {
  /** Engine issue ids, oldest first. */
  readonly issues: string[] = []

  /** Opens one workload issue, sets its description and assignee, then adds its comments. Returns the engine id. */
  add(i: IssueRecord): string {
    const id = this.run(i.reporter, i.createdAt, 'issues.create', {
      title: i.title,
      priority: i.priority,
      status: i.status,
    })!
    this.run(i.reporter, i.createdAt, 'issues.update', {
      issue: id,
      fields: { description: i.description, assignee_id: i.assignee },
    })
    for (const c of i.comments) {
      if (c.author !== i.reporter) this.catchUp(c.author, 'issues')
      this.run(c.author, Math.max(c.createdAt, i.createdAt), 'issues.comment', { issue: id, content: c.content })
    }
    this.issues.push(id)
    return id
  }
}

/** A board of the four columns and `cards` workload cards, with its writer. */
export function kanbanWorld(profile: ProfileName, w: Workload, cards: number): KanbanWriter {
  const writer = new KanbanWriter(createdWorld(profile, w, w.members), w)
  for (let n = 0; n < cards; n++) writer.add(w.card(KANBAN_COLUMNS))
  return writer
}

/** `issues` workload issues with their comments, with their writer. */
export function issuesWorld(profile: ProfileName, w: Workload, issues: number): IssuesWriter {
  const writer = new IssuesWriter(createdWorld(profile, w, w.members), w)
  for (let n = 0; n < issues; n++) writer.add(w.issue())
  return writer
}
