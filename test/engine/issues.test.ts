/**
 * Issues under both profiles: every field of IssueData and CommentData, per-field LWW (the
 * three-peer Lamport race), concurrent edits of different fields, comments under concurrency,
 * close tombstones through the shared ack machinery, and bad input.
 */
import { describe, expect, it } from 'vitest'
import type { SmallWorld } from '../../src/sim/smallWorld.ts'
import { labErrorOf } from './labErrorOf.ts'
import { PEERS, trio, unseenDeletion } from './trio.ts'
import type { IssueView } from '../../src/engine/concerns/issues/model.ts'
import { PROFILE_NAMES, type ProfileName } from '../../src/engine/base/enums.ts'

const P = 'project:test'
const ISSUES = `${P}:issues` as const

/** Three members; alice opens an issue that every replica holds. */
function opened(profile: ProfileName, bases?: readonly number[]) {
  const net = trio(profile, P, bases)
  const issue = net.r('alice').execute('issues.create', P, { title: 'crash on save', priority: 'high' }).createdId!
  net.settle()
  return { net, issue }
}

const get = (net: SmallWorld, n: string, issue: string) => net.r(n).query('issues.get', P, { issue }) as IssueView
const issuesKept = (net: SmallWorld, n: string) => Object.keys((net.r(n).docJSON(ISSUES) as { issues: object }).issues)

describe.each(PROFILE_NAMES)('issues (%s)', (profile) => {
  it('shows every field of IssueData and CommentData, the same on every replica', () => {
    const { net, issue } = opened(profile)
    net.get('bob').clock.advance(5000)
    net.r('bob').execute('issues.update', P, {
      issue,
      fields: { status: 'in-progress', assignee_id: 'bob', description: 'steps' },
    })
    const c = net.r('carol').execute('issues.comment', P, { issue, content: 'me too' }).createdId!
    net.settle()
    net.r('alice').execute('issues.editComment', P, { issue, comment: c, content: 'me too (edited)' })
    net.settle()
    const v = get(net, 'alice', issue)
    expect(v).toMatchObject({
      id: issue,
      title: 'crash on save',
      description: 'steps',
      status: 'in-progress',
      priority: 'high',
      assignee_id: 'bob',
      reporter_id: 'alice',
      closed: false,
      closed_at: 0,
      ack_vector: [],
    })
    expect(Object.keys(v).sort()).toEqual([
      'ack_vector',
      'assignee_id',
      'assignee_updated_at',
      'closed',
      'closed_at',
      'comments',
      'created_at',
      'description',
      'id',
      'priority',
      'priority_updated_at',
      'reporter_id',
      'status',
      'status_updated_at',
      'title',
      'updated_at',
    ])
    expect(v.status_updated_at).toBeGreaterThan(v.created_at)
    expect(v.assignee_updated_at).toBe(v.status_updated_at)
    expect(v.priority_updated_at).toBe(v.created_at)
    expect(v.comments).toEqual([
      {
        id: c,
        author_id: 'carol',
        content: 'me too (edited)',
        created_at: v.created_at,
        updated_at: v.created_at,
        deleted: false,
        deleted_at: 0,
      },
    ])
    for (const n of ['bob', 'carol']) expect(get(net, n, issue)).toEqual(v)
  })

  it('keeps concurrent edits to different fields (status by one member, priority by another)', () => {
    const { net, issue } = opened(profile)
    net.r('bob').execute('issues.update', P, { issue, fields: { status: 'done' } })
    net.r('carol').execute('issues.update', P, { issue, fields: { priority: 'low' } })
    net.settle()
    for (const n of PEERS)
      expect(get(net, n, issue)).toMatchObject({ status: 'done', priority: 'low', title: 'crash on save' })
  })

  it('keeps concurrent comments, and a deletion wins over a concurrent edit', () => {
    const { net, issue } = opened(profile)
    const first = net.r('bob').execute('issues.comment', P, { issue, content: 'first' }).createdId!
    net.r('carol').execute('issues.comment', P, { issue, content: 'second' })
    net.settle()
    net.r('alice').execute('issues.deleteComment', P, { issue, comment: first })
    net.r('bob').execute('issues.editComment', P, { issue, comment: first, content: 'first, edited' })
    net.settle()
    for (const n of PEERS) {
      const comments = get(net, n, issue).comments
      expect(comments.map((x) => [x.content.startsWith('first') ? 'first' : x.content, x.deleted]).sort()).toEqual([
        ['first', true],
        ['second', false],
      ])
    }
  })

  it('rejects bad input with typed errors and leaves every document byte-identical', () => {
    const { net, issue } = opened(profile)
    const alice = net.r('alice')
    const gone = alice.execute('issues.comment', P, { issue, content: 'x' }).createdId!
    alice.execute('issues.deleteComment', P, { issue, comment: gone })
    const closed = alice.execute('issues.create', P, { title: 'old' }).createdId!
    alice.execute('issues.close', P, { issue: closed }) // not yet delivered: a tombstone, not pruned
    net.collect()
    const snapshot = () => alice.docIds(P).map((d) => Buffer.from(alice.encodeState(d)).toString('hex'))
    const before = snapshot()
    const err = (op: string, args: Record<string, unknown>, entity = P) =>
      labErrorOf(() => alice.execute(op, entity, args))
    alice.createEntity('channel:news', {})
    expect(err('issues.create', { title: 'x' }, 'channel:news').code).toBe('CONCERN_NOT_ALLOWED')
    expect(labErrorOf(() => alice.query('issues.get', 'channel:news', { issue })).code).toBe('CONCERN_NOT_ALLOWED')
    expect(err('issues.update', { issue: 'issnope', fields: { title: 'x' } })).toMatchObject({
      code: 'NOT_FOUND',
      path: 'args.issue',
      message: expect.stringContaining('issnope'),
    })
    expect(labErrorOf(() => alice.query('issues.get', P, { issue: 'issnope' })).code).toBe('NOT_FOUND')
    expect(err('issues.editComment', { issue, comment: 'cmtnope', content: 'x' })).toMatchObject({
      code: 'NOT_FOUND',
      path: 'args.comment',
      message: expect.stringContaining('cmtnope'),
    })
    expect(err('issues.editComment', { issue, comment: gone, content: 'x' })).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('deleted'),
    })
    expect(err('issues.deleteComment', { issue, comment: gone }).code).toBe('NOT_FOUND')
    const status = err('issues.create', { title: 'x', status: 'wontfix' })
    expect(status).toMatchObject({ code: 'INVALID_ARG', path: 'args.status' })
    expect(status.message).toContain('"wontfix"')
    expect(status.message).toContain('backlog, todo, in-progress, done, canceled')
    expect(err('issues.create', { title: 'x', priority: 'p0' })).toMatchObject({
      code: 'INVALID_ARG',
      path: 'args.priority',
    })
    expect(err('issues.update', { issue, fields: { status: 'closed' } })).toMatchObject({
      code: 'INVALID_ARG',
      path: 'args.fields.status',
    })
    expect(err('issues.update', { issue, fields: { reporter_id: 'bob' } })).toMatchObject({
      code: 'INVALID_ARG',
      path: 'args.fields.reporter_id',
    })
    expect(err('issues.update', { issue, fields: 'done' })).toMatchObject({ code: 'INVALID_ARG', path: 'args.fields' })
    expect(err('issues.comment', { issue, content: '' }).code).toBe('INVALID_ARG')
    const onClosed = {
      'issues.update': { fields: { title: 'x' } },
      'issues.comment': { content: 'x' },
      'issues.close': {},
    }
    for (const [op, args] of Object.entries(onClosed)) {
      expect(err(op, { issue: closed, ...args })).toMatchObject({
        code: 'NOT_FOUND',
        path: 'args.issue',
        message: expect.stringContaining('closed'),
      })
    }
    expect(snapshot()).toEqual(before)
    expect(alice.drainOutbox().filter((env) => env.docId === ISSUES)).toEqual([])
  })
})

describe('concurrent writes to one issue field', () => {
  /**
   * Three-peer Lamport case: alice sets the status; bob sees it and sets it again (a causally
   * later write); carol, with the largest clientID, sets it concurrently without seeing either.
   */
  function race(profile: ProfileName): string[] {
    const { net, issue } = opened(profile, [2000, 1000, 3000])
    net.r('alice').execute('issues.update', P, { issue, fields: { status: 'todo' } })
    net.deliver('bob', 'alice')
    net.r('bob').execute('issues.update', P, { issue, fields: { status: 'done' } })
    net.r('carol').execute('issues.update', P, { issue, fields: { status: 'canceled' } })
    net.settle()
    return PEERS.map((n) => get(net, n, issue).status)
  }

  it('reference: the causally later write wins on every replica, whatever the clientIDs', () => {
    expect(race('reference')).toEqual(['done', 'done', 'done'])
  })

  it('spec: Yjs resolves by clientID; the largest clientID wins over the causally later write', () => {
    expect(race('spec')).toEqual(['canceled', 'canceled', 'canceled'])
  })
})

describe('closed issues: tombstones acked and pruned by the shared machinery', () => {
  /** Alice closes the issue; carol never hears of it, but an unrelated update of hers reaches alice. */
  function stage(profile: ProfileName) {
    const { net, issue } = opened(profile)
    net.r('bob').execute('issues.comment', P, { issue, content: 'goes with the issue' })
    net.settle()
    const events = unseenDeletion(
      net,
      () => net.r('alice').execute('issues.close', P, { issue }),
      () => net.r('carol').execute('issues.create', P, { title: 'unrelated' }),
    )
    return { net, issue, events }
  }

  it('spec: the naive ack credits carol for a closing she never saw, and alice prunes', () => {
    const { net, issue, events } = stage('spec')
    expect(events).toContain(`prune ${issue}`)
    expect(issuesKept(net, 'alice')).not.toContain(issue)
    expect(get(net, 'carol', issue).closed).toBe(false)
  })

  it('reference: pruned only after every active member attested, with its comments', () => {
    const { net, issue, events } = stage('reference')
    expect(events).not.toContain(`prune ${issue}`)
    expect(get(net, 'alice', issue)).toMatchObject({ closed: true, ack_vector: ['alice', 'bob'] })
    expect(get(net, 'alice', issue).closed_at).toBeGreaterThan(0)
    net.r('carol').execute('issues.comment', P, { issue, content: 'racing the close' })
    net.antiEntropy(P)
    net.settle()
    expect(events).toContain(`prune ${issue}`)
    for (const n of PEERS) {
      expect(issuesKept(net, n)).not.toContain(issue)
      // the pruned closed issue moved to the replica's SQL archive, where issues.get still finds it
      expect(net.r(n).query('issues.get', P, { issue })).toMatchObject({ id: issue, closed: true })
      expect(JSON.stringify(net.r(n).docJSON(ISSUES))).not.toContain('goes with the issue')
    }
  })
})
