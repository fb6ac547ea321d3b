import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_LINES, renderMessageFlowSvg } from '../../src/report/messageFlowSvg.ts'
import { checkVerdict, convergedAt, renderRunReport } from '../../src/report/runReport.ts'
import { MAX_OP_MARKS, renderTimelineSvg } from '../../src/report/timelineSvg.ts'
import type { Timeline } from '../../src/report/inputs.ts'
import { HOSTILE, rawHostile, runFixture } from './fixtures.ts'

describe('run report', () => {
  const html = renderRunReport(runFixture())

  it('shows checks that do not apply as not evaluated, never as holding', () => {
    expect(checkVerdict({ evaluated: false })).toBe('not-evaluated')
    expect(checkVerdict({ holds: false, detail: 'x' })).toBe('fails')
    const row = html.split('\n').find((l) => l.includes('<code>sizeThreshold</code>'))
    expect(row).toContain('not evaluated')
    expect(row).not.toContain('holds')
  })

  it('shows stats, final queries, timeline, message flow and divergence', () => {
    expect(html).toContain('Messages sent')
    expect(html).toContain('member.list')
    expect(html).toContain('<svg id="timeline"')
    expect(html).toContain('<svg id="message-flow"')
    expect(html).toContain('class="fault fault-partition"')
    expect(html).toContain('class="msg msg-dropped"')
    expect(html).toContain('data-chart-for="divergence"')
    expect(html).toContain('Replicas converged by 5.20 s: equal at that sample and every later one.')
  })

  it('shows a final query with its operator, expected and actual values, and the difference', () => {
    const r = runFixture()
    r.final = [
      {
        peer: '*',
        query: 'kanban.board',
        entity: 'project:sprint-board',
        operator: 'equals',
        expected: { doing: [], done: ['release notes v2'] },
        actual: { doing: ['release notes v2'], done: ['release notes v2'] },
        holds: false,
        diff: ['doing: unexpected "release notes v2"'],
      },
    ]
    const row = renderRunReport(r).split('<h2>Final queries</h2>')[1]!.split('</table>')[0]!
    expect(row).toContain('equals <code>{&quot;doing&quot;:[],&quot;done&quot;:[&quot;release notes v2&quot;]}</code>')
    expect(row).toContain('{&quot;doing&quot;:[&quot;release notes v2&quot;],&quot;done&quot;:')
    expect(row).toContain('<ul class="diff"><li>doing: unexpected &quot;release notes v2&quot;</li></ul>')
  })

  it('escapes peer names, queries, details and actual values', () => {
    const r = runFixture()
    r.scenario = HOSTILE[0]!
    r.checks[HOSTILE[1]!] = { holds: false, detail: HOSTILE[2]! }
    r.final[0]!.query = HOSTILE[3]!
    r.timeline!.peers[0] = HOSTILE[1]!
    r.timeline!.messages[0]!.kind = HOSTILE[0]!
    r.timeline!.ops[0]!.op = HOSTILE[2]!
    r.timeline!.faults[0]!.label = HOSTILE[3]!
    expect(rawHostile(renderRunReport(r))).toEqual([])
  })

  it('renders a run without timeline', () => {
    const r = runFixture()
    delete r.timeline
    const page = renderRunReport(r)
    expect(page).toContain('recorded no timeline')
    expect(page).not.toContain('data-chart-for')
  })

  it('finds when replicas converged for good', () => {
    expect(
      convergedAt([
        { t: 0, divergentDocs: 0 },
        { t: 1, divergentDocs: 2 },
        { t: 2, divergentDocs: 0 },
        { t: 3, divergentDocs: 0 },
      ]),
    ).toBe(2)
    expect(convergedAt([{ t: 0, divergentDocs: 1 }])).toBeNull()
  })
})

describe('timeline pictures with thousands of messages', () => {
  const big = (): Timeline => {
    const peers = ['a', 'b', 'c', 'd', 'e']
    const messages = Array.from({ length: 6000 }, (_, i) => ({
      from: peers[i % 5]!,
      to: peers[(i + 1) % 5]!,
      sentAt: i,
      at: i + 20,
      outcome: i % 97 === 0 ? ('dropped' as const) : ('delivered' as const),
      bytes: 100,
      kind: 'update',
    }))
    const ops = Array.from({ length: 5000 }, (_, i) => ({
      t: i,
      peer: peers[i % 5]!,
      op: 'chat.send',
      ok: i % 500 !== 0,
    }))
    return { peers, durationMs: 6100, faults: [], messages, ops, divergence: [] }
  }

  it('caps message lines, keeps every dropped one, and says so', () => {
    const t = big()
    const p = renderMessageFlowSvg(t)
    const lines = p.svg.match(/<line x1=/g)?.length ?? 0
    expect(lines).toBeLessThanOrEqual(MAX_MESSAGE_LINES)
    expect(p.svg.match(/msg-dropped/g)?.length).toBe(t.messages.filter((m) => m.outcome === 'dropped').length)
    expect(p.note).toMatch(/^Showing \d+ of 6,000 messages/)
    expect(p.linkTable).toContain('1,200') // a→b carries 1200 messages, all counted
  })

  it('caps operation marks and keeps the failed ones', () => {
    const p = renderTimelineSvg(big())
    expect(p.svg.match(/class="op/g)?.length ?? 0).toBeLessThanOrEqual(MAX_OP_MARKS)
    expect(p.svg.match(/op-failed/g)?.length).toBe(10)
    expect(p.note).toContain('of 5000 operation marks')
  })
})
