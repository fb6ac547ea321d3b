/**
 * Kanban under both profiles: columns and cards, positions, per-field edits, the card-position
 * race (`cardOneColumn`), archive tombstones through the shared ack machinery, and bad input.
 */
import { describe, expect, it } from 'vitest'
import type { SmallWorld } from '../../src/sim/smallWorld.ts'
import { labErrorOf } from './labErrorOf.ts'
import { PEERS, trio, unseenDeletion } from './trio.ts'
import { board } from '../../src/engine/ops/kanbanOps.ts'
import { columnsHolding } from '../../src/engine/concerns/kanban/model.ts'
import { PROFILE_NAMES, type ProfileName } from '../../src/engine/base/enums.ts'

const P = 'project:test'
const KANBAN = `${P}:kanban` as const

/** Alice's board: columns Todo, Doing, Done and cards one, two in Todo, replicated everywhere. */
function seeded(profile: ProfileName, bases?: readonly number[]) {
  const net = trio(profile, P, bases)
  const a = net.r('alice')
  const [todo, doing, done] = ['Todo', 'Doing', 'Done'].map(
    (title) => a.execute('kanban.addColumn', P, { title }).createdId!,
  ) as [string, string, string]
  const one = a.execute('kanban.addCard', P, { column: todo, title: 'one' }).createdId!
  const two = a.execute('kanban.addCard', P, { column: todo, title: 'two', priority: 'urgent' }).createdId!
  net.settle()
  return { net, todo, doing, done, one, two }
}

const boardOf = (net: SmallWorld, n: string) => net.r(n).query('kanban.board', P)
const cardsKept = (net: SmallWorld, n: string) => Object.keys((net.r(n).docJSON(KANBAN) as { cards: object }).cards)

describe.each(PROFILE_NAMES)('kanban (%s)', (profile) => {
  it('adds, renames and reorders columns; adds, moves, edits and archives cards; every replica shows one board', () => {
    const { net, todo, doing, done, one, two } = seeded(profile)
    net.r('bob').execute('kanban.renameColumn', P, { column: doing, title: 'In Progress' })
    net.r('bob').execute('kanban.moveColumn', P, { column: done, index: 0 })
    net.r('carol').execute('kanban.moveCard', P, { card: two, column: doing })
    net.r('carol').execute('kanban.updateCard', P, {
      card: one,
      fields: { description: 'details', assignee_id: 'carol', priority: 'low' },
    })
    const three = net.r('alice').execute('kanban.addCard', P, { column: doing, title: 'three' }).createdId!
    net.settle()
    net.r('alice').execute('kanban.archiveCard', P, { card: three })
    net.settle()
    for (const n of PEERS) expect(boardOf(net, n)).toEqual({ Done: [], Todo: ['one'], 'In Progress': ['two'] })
    const view = board(net.r('bob').entity(P))
    expect(view.columns.map((c) => [c.title, c.order])).toEqual([
      ['Done', 0],
      ['Todo', 1],
      ['In Progress', 2],
    ])
    expect(view.columns.find((c) => c.id === todo)).toMatchObject({ id: todo, title: 'Todo', card_order: [one] })
    expect(view.cards.find((c) => c.id === one)).toMatchObject({
      id: one,
      title: 'one',
      description: 'details',
      column_id: todo,
      assignee_id: 'carol',
      priority: 'low',
      archived: false,
      archived_at: 0,
    })
    const card = view.cards.find((c) => c.id === one)!
    expect(card.updated_at).toBeGreaterThanOrEqual(card.created_at)
  })

  it('places a moved card at its index (default: the end of the column)', () => {
    const { net, todo, doing, one, two } = seeded(profile)
    const a = net.r('alice')
    const three = a.execute('kanban.addCard', P, { column: doing, title: 'three' }).createdId!
    a.execute('kanban.moveCard', P, { card: one, column: doing, index: 0 })
    a.execute('kanban.moveCard', P, { card: two, column: doing, index: 1 })
    expect(a.query('kanban.board', P)).toMatchObject({ Todo: [], Doing: ['one', 'two', 'three'] })
    a.execute('kanban.moveCard', P, { card: one, column: doing })
    a.execute('kanban.moveCard', P, { card: three, column: todo, index: 0 })
    net.settle()
    for (const n of PEERS) expect(boardOf(net, n)).toMatchObject({ Todo: ['three'], Doing: ['two', 'one'] })
  })

  it('shows two columns of one title as "Title" and "Title (2)", the same on every replica', () => {
    const net = trio(profile, P)
    net.r('alice').execute('kanban.addColumn', P, { title: 'Done' })
    const late = net.r('bob').execute('kanban.addColumn', P, { title: 'Done' }).createdId!
    net.r('bob').execute('kanban.addCard', P, { column: late, title: "bob's" })
    net.settle()
    const shown = boardOf(net, 'alice') as Record<string, string[]>
    expect(Object.keys(shown)).toEqual(['Done', 'Done (2)'])
    expect(Object.values(shown).flat()).toEqual(["bob's"])
    for (const n of PEERS) expect(boardOf(net, n)).toEqual(shown)
  })

  it('keeps concurrent edits to different fields of one card', () => {
    const { net, one } = seeded(profile)
    net.r('bob').execute('kanban.updateCard', P, { card: one, fields: { priority: 'high' } })
    net.r('carol').execute('kanban.updateCard', P, { card: one, fields: { assignee_id: 'carol' } })
    net.settle()
    for (const n of PEERS)
      expect(board(net.r(n).entity(P)).cards.find((c) => c.id === one)).toMatchObject({
        priority: 'high',
        assignee_id: 'carol',
      })
  })

  it('rejects bad input with typed errors and leaves every document byte-identical', () => {
    const { net, todo, one, two } = seeded(profile)
    const alice = net.r('alice')
    alice.execute('kanban.archiveCard', P, { card: two }) // not yet delivered: a tombstone, not pruned
    net.collect()
    const snapshot = () => alice.docIds(P).map((d) => Buffer.from(alice.encodeState(d)).toString('hex'))
    const before = snapshot()
    const err = (op: string, args: Record<string, unknown>, entity = P) =>
      labErrorOf(() => alice.execute(op, entity, args))
    alice.createEntity('group:team', {})
    expect(err('kanban.addColumn', { title: 'x' }, 'group:team').code).toBe('CONCERN_NOT_ALLOWED')
    expect(labErrorOf(() => alice.query('kanban.board', 'group:team')).code).toBe('CONCERN_NOT_ALLOWED')
    expect(err('kanban.addCard', { column: 'colnope', title: 'x' })).toMatchObject({
      code: 'NOT_FOUND',
      path: 'args.column',
      message: expect.stringContaining('colnope'),
    })
    expect(err('kanban.moveCard', { card: 'cardnope', column: todo })).toMatchObject({
      code: 'NOT_FOUND',
      path: 'args.card',
      message: expect.stringContaining('cardnope'),
    })
    expect(err('kanban.renameColumn', { column: 'colnope', title: 'x' }).code).toBe('NOT_FOUND')
    const pri = err('kanban.addCard', { column: todo, title: 'x', priority: 'asap' })
    expect(pri).toMatchObject({ code: 'INVALID_ARG', path: 'args.priority' })
    expect(pri.message).toContain('"asap"')
    expect(pri.message).toContain('urgent, high, medium, low')
    expect(err('kanban.updateCard', { card: one, fields: { priority: 'asap' } })).toMatchObject({
      code: 'INVALID_ARG',
      path: 'args.fields.priority',
    })
    expect(err('kanban.updateCard', { card: one, fields: { column_id: todo } })).toMatchObject({
      code: 'INVALID_ARG',
      path: 'args.fields.column_id',
    })
    expect(err('kanban.updateCard', { card: one, fields: { title: 'ok', colour: 'red' } })).toMatchObject({
      code: 'INVALID_ARG',
      path: 'args.fields.colour',
    })
    expect(err('kanban.updateCard', { card: one, fields: {} }).code).toBe('INVALID_ARG')
    expect(err('kanban.updateCard', { card: one, fields: { assignee_id: '../root' } }).code).toBe('INVALID_ARG')
    expect(err('kanban.moveCard', { card: one, column: todo, index: 5 })).toMatchObject({
      code: 'INVALID_ARG',
      path: 'args.index',
    })
    expect(err('kanban.moveColumn', { column: todo, index: -1 }).code).toBe('INVALID_ARG')
    expect(err('kanban.addCard', { column: todo, title: 'x', colour: 'red' })).toMatchObject({
      code: 'INVALID_ARG',
      path: 'args.colour',
    })
    const onArchived = {
      'kanban.updateCard': { fields: { title: 'x' } },
      'kanban.moveCard': { column: todo },
      'kanban.archiveCard': {},
    }
    for (const [op, args] of Object.entries(onArchived)) {
      expect(err(op, { card: two, ...args })).toMatchObject({
        code: 'NOT_FOUND',
        path: 'args.card',
        message: expect.stringContaining('archived'),
      })
    }
    expect(snapshot()).toEqual(before)
    expect(alice.drainOutbox().filter((env) => env.docId === KANBAN)).toEqual([])
  })
})

describe('concurrent moves of one card to two columns (cardOneColumn)', () => {
  /** Bob moves card one to Doing while carol moves it to Done, concurrently. */
  function race(profile: ProfileName, bases: readonly number[]) {
    const { net, doing, done, one } = seeded(profile, bases)
    net.r('bob').execute('kanban.moveCard', P, { card: one, column: doing })
    net.r('carol').execute('kanban.moveCard', P, { card: one, column: done })
    net.settle()
    return { net, doing, done, one }
  }

  it('spec: the card is listed in both columns, while column_id names only one (clientID order)', () => {
    for (const [bases, winner] of [
      [[1000, 2000, 3000], 'done'],
      [[1000, 3000, 2000], 'doing'],
    ] as const) {
      const r = race('spec', bases)
      for (const n of PEERS) {
        const view = board(r.net.r(n).entity(P))
        expect(columnsHolding(view, r.one).sort()).toEqual([r.doing, r.done].sort())
        expect(view.cards.find((c) => c.id === r.one)!.column_id).toBe(r[winner])
        expect(boardOf(r.net, n)).toEqual({ Todo: ['two'], Doing: ['one'], Done: ['one'] })
      }
    }
  })

  it(
    'reference: exactly one column, the one column_id names, the same on every ' + 'replica in both clientID orders',
    () => {
      const outcomes = new Set<string>()
      for (const bases of [
        [1000, 2000, 3000],
        [1000, 3000, 2000],
      ]) {
        const r = race('reference', bases)
        for (const n of PEERS) {
          const view = board(r.net.r(n).entity(P))
          const holding = columnsHolding(view, r.one)
          expect(holding).toHaveLength(1)
          expect(view.cards.find((c) => c.id === r.one)!.column_id).toBe(holding[0])
          outcomes.add(`${bases}:${holding[0] === r.done ? 'done' : 'doing'}`)
        }
      }
      // Equal Lamport stamps: the member breaks the tie (carol > bob), whatever the clientIDs.
      expect([...outcomes].sort()).toEqual(['1000,2000,3000:done', '1000,3000,2000:done'])
    },
  )

  it('reference: a move that saw the other wins over it, whatever the clientIDs', () => {
    const { net, doing, done, one } = seeded('reference', [1000, 3000, 2000])
    net.r('bob').execute('kanban.moveCard', P, { card: one, column: done })
    net.deliver('carol', 'bob')
    net.r('carol').execute('kanban.moveCard', P, { card: one, column: doing })
    net.settle()
    for (const n of PEERS) expect(columnsHolding(board(net.r(n).entity(P)), one)).toEqual([doing])
  })
})

describe('archived cards: tombstones acked and pruned by the shared machinery', () => {
  /** Alice archives card one; carol never hears of it, but an unrelated update of hers reaches alice. */
  function stage(profile: ProfileName) {
    const { net, todo, one } = seeded(profile)
    const events = unseenDeletion(
      net,
      () => net.r('alice').execute('kanban.archiveCard', P, { card: one }),
      () => net.r('carol').execute('kanban.addCard', P, { column: todo, title: 'unrelated' }),
    )
    return { net, one, events }
  }

  it('spec: the naive ack credits carol for an archival she never saw, and alice prunes', () => {
    const { net, one, events } = stage('spec')
    expect(events).toContain(`prune ${one}`)
    expect(cardsKept(net, 'alice')).not.toContain(one)
    expect(net.r('carol').query('kanban.board', P)).toMatchObject({ Todo: ['one', 'two', 'unrelated'] })
  })

  it('reference: pruned only after every active member attested; a racing edit never brings the card back', () => {
    const { net, one, events } = stage('reference')
    expect(events).not.toContain(`prune ${one}`)
    net.r('carol').execute('kanban.updateCard', P, { card: one, fields: { title: 'edited while archived elsewhere' } })
    net.antiEntropy(P)
    net.settle()
    expect(events).toContain(`prune ${one}`)
    for (const n of PEERS) {
      expect(cardsKept(net, n)).not.toContain(one)
      expect(boardOf(net, n)).toMatchObject({ Todo: ['two', 'unrelated'] })
    }
  })

  it.each(PROFILE_NAMES)(
    '%s: once every member integrated the archival, the card is pruned everywhere and stays gone',
    (profile) => {
      const { net, todo, one } = seeded(profile)
      net.r('alice').execute('kanban.archiveCard', P, { card: one })
      net.settle()
      net.antiEntropy(P)
      for (const n of PEERS) expect(cardsKept(net, n)).not.toContain(one)
      net.r('bob').execute('kanban.addCard', P, { column: todo, title: 'later' })
      net.antiEntropy(P)
      for (const n of PEERS) expect(boardOf(net, n)).toMatchObject({ Todo: ['two', 'later'] })
    },
  )
})
