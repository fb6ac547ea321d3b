import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OPS } from '../../src/engine/ops/registry.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { QUERY_NAMES } from '../../src/sim/scenario/queries.ts'
import { CHECKS } from '../../src/properties/checks/catalogue.ts'
import { FAULT_NAMES } from '../../src/sim/scenario/steps.ts'
import { crdtLab, tempDir } from './crdtLab.ts'

/** The lines of one section of `list` (title line to the blank line after it). */
const sectionOf = (out: string, title: string): string => out.slice(out.indexOf(`\n${title}\n`)).split('\n\n')[0]!

describe('crdt-lab list', () => {
  it('names every check with its claim, every op, query and fault, from the registries', async () => {
    const { code, stdout } = await crdtLab('list', '--dir', 'test/cli/fixtures')
    expect(code).toBe(0)
    for (const c of CHECKS.values()) expect(sectionOf(stdout, 'checks')).toContain(`${c.name}`)
    expect(sectionOf(stdout, 'checks')).toContain(CHECKS.get('pruneSafety')!.claim)
    for (const op of OPS.values())
      expect(sectionOf(stdout, 'ops')).toMatch(
        new RegExp(
          `^  ${op.name.replace('.', '\\.')} \\{.*${op.summary.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
          'm',
        ),
      )
    const queries = sectionOf(stdout, 'queries (in expect.final, with one of equals, includes, excludes, count)')
    for (const q of QUERY_NAMES) expect(queries).toContain(`  ${q} {`)
    for (const f of FAULT_NAMES) expect(sectionOf(stdout, 'faults')).toContain(`  ${f} {`)
    const delivery = sectionOf(stdout, 'delivery steps (deliver needs "network": {"delivery": "scripted"})')
    expect(delivery).toContain('  deliver {from, to, seq?, fate?}')
    expect(delivery).toContain('"duplicate" hands a copy over')
    expect(delivery).toContain('  sync "peer"')
  })

  it('lists exactly the queries expect.final accepts: each one listed validates', async () => {
    const { stdout } = await crdtLab('list', '--dir', 'test/cli/fixtures')
    const queries = sectionOf(stdout, 'queries (in expect.final, with one of equals, includes, excludes, count)')
    const listed = [...queries.matchAll(/^ {2}(\S+) \{/gm)].map((m) => m[1]!)
    expect(listed.sort()).toEqual([...QUERY_NAMES].sort())
    expect(listed).not.toContain('canvas.list')
    const P = 'project:sprint-board'
    for (const query of listed) {
      const args =
        query === 'member.role'
          ? { member: 'alice' }
          : query === 'disk.read'
            ? { disk: 'shared', path: 'a.md' }
            : query === 'issues.get'
              ? { issue: 'x' }
              : {}
      const final = [{ peer: 'alice', query, entity: P, args, equals: null }]
      expect(() =>
        parseScenario({ peers: ['alice'], entities: [{ id: P, owner: 'alice' }], expect: { final } }, query),
      ).not.toThrow()
    }
  })

  it('lists scenario files with their descriptions, and an empty folder as none', async () => {
    const { stdout } = await crdtLab('list', '--dir', 'test/cli/fixtures')
    expect(stdout).toMatch(/chat-partition\.json +Two sides of a partition chat and edit/)
    const empty = join(tempDir(), 'scenarios')
    mkdirSync(empty)
    const none = await crdtLab('list', '--dir', empty)
    expect(none.code).toBe(0)
    expect(none.stdout).toContain(`scenarios (${empty})\n  (none)`)
  })
})
