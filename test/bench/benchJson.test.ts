/**
 * The bench JSON must be exactly DESIGN §7: these fields with these types (nullable where a
 * column is not measured), plus only the optional extras the report knows.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { runBench, type RowDef } from '../../bench/harness.ts'
import { BENCH_METRICS, BENCH_TABLES, BENCH_VERDICTS } from '../../src/report/inputs.ts'

const verdict = z.enum(BENCH_VERDICTS)
const latency = z.strictObject({
  mean: z.number(),
  p50: z.number(),
  p99: z.number(),
  rme: z.number(),
  samples: z.number().optional(),
})
const columns = <T extends z.ZodType>(t: T) =>
  z.strictObject({ reference: t.optional(), spec: t.optional(), rawYjs: t.optional() })

const row = z.strictObject({
  // DESIGN §7
  table: z.enum(BENCH_TABLES),
  row: z.string().min(1),
  metric: z.enum(BENCH_METRICS),
  claimed: z.number().nullable(),
  unit: z.string(),
  measured: z.strictObject({ reference: z.number().nullable(), spec: z.number().nullable() }),
  rawYjs: z.number().nullable(),
  verdict,
  // optional extras
  claimText: z.string().optional(),
  bound: z.enum(['about', 'under', 'atMost', 'capacity']).optional(),
  verdicts: columns(verdict).optional(),
  rawYjsV2: z.number().nullable().optional(),
  // table `sim` only: the simulator's figure beside raw Yjs's (no profile column applies)
  sim: z.number().nullable().optional(),
  note: z.string().optional(),
  series: z
    .strictObject({ x: z.array(z.number()), y: columns(z.array(z.number())), xLabel: z.string().optional() })
    .optional(),
  latency: columns(latency).optional(),
})

const benchJson = z.strictObject({
  machine: z.strictObject({
    cpu: z.string(),
    cores: z.number().int().positive(),
    node: z.string().regex(/^v\d+/),
    yjs: z.string().regex(/^\d+\.\d+\.\d+/),
  }),
  rows: z.array(row),
  generatedAt: z.string().optional(),
  quick: z.boolean().optional(),
  wallMs: z.number().optional(),
})

describe('bench JSON shape (DESIGN §7)', () => {
  it('holds for a run with value, timed, V2 and series rows', async () => {
    const rows: RowDef[] = [
      {
        table: 'memory',
        row: 'core (100 members)',
        metric: 'docBytes',
        claimed: 51200,
        unit: 'B',
        bound: 'about',
        claimText: '~50KB',
        measure: { rawYjs: () => 20000 },
        rawYjsV2: () => 18000,
        series: { x: [10, 100], xLabel: 'members', measure: { rawYjs: (n) => n * 200 } },
      },
      {
        table: 'sync',
        row: 'Add member',
        metric: 'cpuMs',
        claimed: 1,
        unit: 'ms',
        bound: 'under',
        measure: { rawYjs: { kind: 'timed', fn: () => [1, 2, 3].join() }, reference: () => 0.5 },
      },
      {
        table: 'engine',
        row: '[B3.1] 20√N clients concurrently set number in Map',
        metric: 'updateBytes',
        claimed: null,
        unit: 'B',
        measure: { rawYjs: () => 1 },
      },
      {
        table: 'sim',
        row: 'Chat updates among 5 peers',
        metric: 'deliveriesPerSec',
        claimed: null,
        unit: '/s',
        measure: { rawYjs: () => 900 },
        sim: () => 300,
      },
    ]
    const result = await runBench(rows, { quick: true })
    const parsed = benchJson.safeParse(JSON.parse(JSON.stringify(result)))
    expect(parsed.error?.issues ?? []).toEqual([])
    expect(Object.keys(result.rows[0]!).slice(0, 8)).toEqual([
      'table',
      'row',
      'metric',
      'claimed',
      'unit',
      'measured',
      'rawYjs',
      'verdict',
    ])
    expect(result.machine.yjs).toMatch(/^13\./)
    const sim = result.rows.find((r) => r.table === 'sim')!
    expect([sim.measured, sim.rawYjs, sim.sim, sim.verdict]).toEqual([{ reference: null, spec: null }, 900, 300, 'n/a'])
  })

  it('holds for the report fixture, so the report is tested on what the harness emits', () => {
    const fixture = JSON.parse(
      readFileSync(new URL('../report/fixtures/bench.json', import.meta.url), 'utf8'),
    ) as unknown
    expect(benchJson.safeParse(fixture).error?.issues ?? []).toEqual([])
  })

  it('rejects a row missing a §7 field', () => {
    const bad = {
      machine: { cpu: 'x', cores: 1, node: 'v20.0.0', yjs: '13.6.33' },
      rows: [{ table: 'memory', row: 'r', metric: 'docBytes', claimed: 1, unit: 'B', rawYjs: 1, verdict: 'meets' }],
    }
    expect(benchJson.safeParse(bad).success).toBe(false)
  })
})
