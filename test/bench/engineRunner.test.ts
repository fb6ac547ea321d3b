/** The bench runner with the engine plugged in: which rows get engine measures, a tiny smoke run, derived rows. */
import { describe, expect, it } from 'vitest'
import { ENGINE_SYNC_OPS, engineMeanBytes, engineOpTask, STAGED_WARMUPS } from '../../bench/engine/syncOps.ts'
import { engineVsRawRows, vsRawRow, VS_RAW_TARGETS } from '../../bench/engine/vsRaw.ts'
import { B3_CASES } from '../../bench/b3.ts'
import { rowKey, runBench, taskBudget, type RowDef } from '../../bench/harness.ts'
import { meanBytes, opTask, ReplicaPair } from '../../bench/rawYjs/syncOps.ts'
import { allRows } from '../../bench/rows.ts'
import { SIGNATURE_ROWS } from '../../bench/engine/signatureRows.ts'
import type { BenchRow } from '../../src/report/inputs.ts'

describe('engine profiles plugged into the bench rows', () => {
  const rows = allRows({ quick: false })
  const engine = (r: RowDef): boolean => r.measure.reference !== undefined && r.measure.spec !== undefined

  it('measure every row the engine can do today, under both profiles', () => {
    const measured = rows.filter(engine).map(rowKey)
    for (const key of [
      'memory/core (100 members)/docBytes',
      'memory/chat (1000 messages)/memBytes',
      'sync/Add member/cpuMs',
      'sync/Prune tombstone/updateBytes',
      'sync/Full entity sync/cpuMs',
      'scalability/Core/items',
      'scalability/Chat/items',
      'memory/kanban (500 cards)/loadMs',
      'memory/issues (1000 issues)/memBytes',
      'scalability/Kanban/items',
      'scalability/Issues/items',
      'tombstone/Total for 1000 members/bytesPerTombstone',
      "tombstone/Total for 1000 members (the document's first tombstone)/bytesPerTombstone",
      'tombstone/Worst case: 1000 tombstones × 100 members/docBytes',
      'engine/[B3.3] 20√N clients concurrently set String in Map/docBytes',
      'engine/[B3.4] 20√N clients concurrently insert text in Array/cpuMs',
    ])
      expect(measured).toContain(key)
  })

  it('leave without profiles only the simulator table (it measures the simulator) and B3 in Yjs worst order', () => {
    // The signature rows measure what only the reference does (the spec signs nothing): reference only.
    const signing = new Set<string>([SIGNATURE_ROWS.sign, SIGNATURE_ROWS.receive])
    expect(rows.filter((r) => signing.has(r.row)).map((r) => Object.keys(r.measure).sort())).toEqual([
      ['reference'],
      ['rawYjs', 'reference'],
    ])
    const rawOnly = rows.filter((r) => !engine(r) && !signing.has(r.row))
    const worstOrder = rawOnly.filter((r) => r.table === 'engine')
    expect(worstOrder.length).toBe(16)
    expect(worstOrder.every((r) => r.row.endsWith('(ascending clientIDs)'))).toBe(true)
    const sim = rawOnly.filter((r) => r.table !== 'engine')
    expect(new Set(sim.map((r) => r.table))).toEqual(new Set(['sim']))
    expect(sim.every((r) => r.sim !== undefined)).toBe(true)
  })

  it('say on the row what quick mode shrinks', () => {
    const quick = allRows({ quick: true }).find((r) => rowKey(r) === 'scalability/Chat/items')!
    expect(quick.note).toMatch(/engine --quick: grown to 1\/\d+ of the limit/)
    expect(quick.note).not.toMatch(/engine: grown/)
    const sync = allRows({ quick: true }).find((r) => rowKey(r) === 'sync/Full entity sync/cpuMs')!
    expect(sync.note).toMatch(/engine --quick: the board and issues built at 1\/\d+/)
    expect(rows.find((r) => rowKey(r) === 'sync/Full entity sync/cpuMs')!.note).not.toMatch(
      /kanban and issues yet|--quick/,
    )
  })
})

describe('fixed-sample tasks', () => {
  it('take their sample count, a quarter of it in quick mode', () => {
    const task = { kind: 'timed' as const, fn: () => 0, samples: 32 }
    expect(taskBudget(task, false)).toMatchObject({ time: 0, iterations: 32 })
    expect(taskBudget(task, true)).toMatchObject({ time: 0, iterations: 8 })
    expect(taskBudget({ kind: 'timed', fn: () => 0 }, true).time).toBeGreaterThan(0)
  })

  it('warm up twice, or as often as they say; staged engine ops (delete, prune) say 16', () => {
    expect(taskBudget({ kind: 'timed', fn: () => 0, samples: 32 }, true).warmupIterations).toBe(2)
    expect(taskBudget({ kind: 'timed', fn: () => 0, samples: 32, warmups: 9 }, true).warmupIterations).toBe(9)
    for (const row of ['Delete (tombstone)', 'Prune tombstone'])
      expect(engineOpTask('reference', ENGINE_SYNC_OPS[row]!).warmups).toBe(STAGED_WARMUPS)
    expect(engineOpTask('reference', ENGINE_SYNC_OPS['Send message']!).warmups).toBeUndefined()
  })
})

describe('engine against raw Yjs', () => {
  it('derives the CPU ratio and the byte difference from the sync rows', () => {
    const sync = (metric: 'cpuMs' | 'updateBytes', ref: number, spec: number, raw: number): BenchRow => ({
      table: 'sync',
      row: 'Edit message',
      metric,
      claimed: 1,
      unit: metric === 'cpuMs' ? 'ms' : 'B',
      measured: { reference: ref, spec },
      rawYjs: raw,
      verdict: 'meets',
    })
    const out = engineVsRawRows([sync('cpuMs', 0.3, 0.1, 0.05), sync('updateBytes', 220, 190, 200)])
    // Targets: CPU at most 1.5x raw Yjs (reference 6x misses, spec 2x misses), bytes at most raw + 32 B
    // (reference +20 meets, spec -10 meets); the row's verdict is the reference's.
    expect(out.map((r) => [r.row, r.metric, r.unit, r.rawYjs, r.claimed, r.bound, r.verdicts, r.verdict])).toEqual([
      [vsRawRow('Edit message'), 'cpuMs', '×', 1, 1.5, 'atMost', { reference: 'misses', spec: 'misses' }, 'misses'],
      [vsRawRow('Edit message'), 'updateBytes', 'B', 0, 32, 'atMost', { reference: 'meets', spec: 'meets' }, 'meets'],
    ])
    const cheap = engineVsRawRows([sync('cpuMs', 0.07, 0.1, 0.05)])[0]!
    expect([cheap.verdicts, cheap.verdict]).toEqual([{ reference: 'meets', spec: 'misses' }, 'meets'])
    expect(out[0]!.measured.reference).toBeCloseTo(6)
    expect(out[0]!.measured.spec).toBeCloseTo(2)
    expect(out[1]!.measured.reference).toBe(20)
    expect(out[1]!.measured.spec).toBe(-10)
  })

  it('judges each target of the data: 3× for add member and delete (stretch quoted), 2× for B3 documents', () => {
    const row = (table: 'sync' | 'engine', name: string, metric: 'cpuMs' | 'docBytes', ref: number, raw: number) =>
      ({
        table,
        row: name,
        metric,
        claimed: null,
        unit: metric === 'cpuMs' ? 'ms' : 'B',
        measured: { reference: ref, spec: ref * 2 },
        rawYjs: raw,
        verdict: 'n/a',
      }) satisfies BenchRow
    const out = engineVsRawRows([
      row('sync', 'Delete (tombstone)', 'cpuMs', 0.075, 0.03),
      row('sync', 'Full entity sync', 'cpuMs', 160, 100),
      row('engine', B3_CASES[2]!.name, 'docBytes', 70_000, 30_000),
      row('engine', `${B3_CASES[2]!.name} (ascending clientIDs)`, 'docBytes', 1, 1),
    ])
    expect(out.map((r) => [r.row, r.claimed, r.claimText, r.verdicts])).toEqual([
      [
        vsRawRow('Delete (tombstone)'),
        3,
        '≤3× (project target, stretch ≤1.5×)',
        { reference: 'meets', spec: 'misses' },
      ],
      [vsRawRow('Full entity sync'), 1.5, '≤1.5× (project target)', { reference: 'misses', spec: 'misses' }],
      [vsRawRow(B3_CASES[2]!.name), 2, '≤2× (project target)', { reference: 'misses', spec: 'misses' }],
    ])
    expect(VS_RAW_TARGETS.filter((t) => t.metric === 'docBytes')).toHaveLength(4)
  })

  it('runs a tiny bench end to end: both profiles and raw Yjs measured, derived rows added', async () => {
    const spec = { ...ENGINE_SYNC_OPS['Send message']!, count: 20 }
    const claim = (metric: 'cpuMs' | 'updateBytes'): Omit<RowDef, 'measure'> => ({
      table: 'sync',
      row: 'Send message',
      metric,
      claimed: metric === 'cpuMs' ? 5 : 2048,
      unit: metric === 'cpuMs' ? 'ms' : 'B',
      bound: metric === 'cpuMs' ? 'under' : 'about',
    })
    const make = (): ReplicaPair => ReplicaPair.chat(20)
    const rows: RowDef[] = [
      {
        ...claim('updateBytes'),
        measure: {
          rawYjs: () => meanBytes(make, (p) => p.send()).v1,
          reference: () => engineMeanBytes('reference', spec, 3).v1,
          spec: () => engineMeanBytes('spec', spec, 3).v1,
        },
      },
      {
        ...claim('cpuMs'),
        measure: {
          rawYjs: opTask(make, (p) => p.send()),
          reference: engineOpTask('reference', spec),
          spec: engineOpTask('spec', spec),
        },
      },
    ]
    const result = await runBench(rows, { quick: true })
    for (const r of result.rows) {
      expect(r.measured.reference).toBeGreaterThan(0)
      expect(r.measured.spec).toBeGreaterThan(0)
      expect(r.rawYjs).toBeGreaterThan(0)
    }
    const derived = engineVsRawRows(result.rows)
    expect(derived.map((r) => `${r.row}/${r.metric}`)).toEqual([
      `${vsRawRow('Send message')}/cpuMs`,
      `${vsRawRow('Send message')}/updateBytes`,
    ])
    expect(derived[0]!.measured.reference).toBeGreaterThan(0)
  })
})
