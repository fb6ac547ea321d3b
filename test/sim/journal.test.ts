import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { canonicalJson, type JsonObject } from '../../src/sim/canonicalJson.ts'
import { Journal } from '../../src/sim/journal.ts'
import { codeOf } from './labErrors.ts'

type Rec = [number, string, JsonObject]
const sample: Rec[] = [
  [0, 'send', { id: 1, from: 'alice', to: 'bob', size: 12 }],
  [7, 'deliver', { id: 1, copy: false }],
  [9, 'drop', { id: 2, reason: 'partition' }],
  [9, 'drop', { id: 3, reason: 'loss' }],
]
const journalOf = (recs: Rec[]): Journal => {
  const j = new Journal()
  for (const [t, type, data] of recs) j.append(t, type, data)
  return j
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[1,{"y":"x","z":null}]},"b":1}',
    )
  })

  it('refuses values a trace could not hold', () => {
    for (const bad of [Number.NaN, Infinity, 1n, () => 1, new Uint8Array(1), { a: new Map() }]) {
      expect(codeOf(() => canonicalJson(bad))).toBe('INTERNAL')
    }
  })
})

describe('Journal', () => {
  it('hashes the same records to the same hash, whatever the key order', () => {
    const a = journalOf(sample)
    const b = journalOf(sample.map(([t, type, data]) => [t, type, Object.fromEntries(Object.entries(data).reverse())]))
    expect(a.traceHash()).toBe(b.traceHash())
    expect(a.traceHash()).toMatch(/^[0-9a-f]{64}$/)
  })

  it('hash is SHA-256 of the canonical record lines, kept incrementally', () => {
    const j = new Journal()
    const lines: string[] = []
    for (const [t, type, data] of sample) {
      j.append(t, type, data)
      lines.push(`${canonicalJson({ t, type, data })}\n`)
      expect(j.traceHash()).toBe(createHash('sha256').update(lines.join('')).digest('hex'))
    }
  })

  it('any change to a record, its order or its count changes the hash (property)', () => {
    const base = journalOf(sample).traceHash()
    const variants: Rec[][] = [
      sample.slice(0, -1),
      [...sample, [9, 'drop', { id: 3, reason: 'loss' }]],
      [sample[1]!, sample[0]!, ...sample.slice(2)],
      sample.map((r, i) => (i === 1 ? [8, r[1], r[2]] : r)),
      sample.map((r, i) => (i === 1 ? [r[0], 'drop', r[2]] : r)),
      sample.map((r, i) => (i === 1 ? [r[0], r[1], { id: 1, copy: true }] : r)),
    ]
    for (const v of variants) expect(journalOf(v).traceHash()).not.toBe(base)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sample.length - 1 }), fc.jsonValue(), (i, value) => {
        const changed = sample.map((r, k): Rec => (k === i ? [r[0], r[1], { ...r[2], extra: value as never }] : r))
        expect(journalOf(changed).traceHash()).not.toBe(base)
      }),
    )
  })

  it('counts records per type and per field', () => {
    const j = journalOf(sample)
    expect(j.countsByType()).toEqual({ send: 1, deliver: 1, drop: 2 })
    expect(j.count('drop')).toBe(2)
    expect(j.count('prune')).toBe(0)
    expect(j.countBy('drop', 'reason')).toEqual({ partition: 1, loss: 1 })
  })

  it('round-trips through JSONL, with an unhashed header meta', () => {
    const j = journalOf(sample)
    const text = j.toJSONL({ seed: 7, wallMs: 1234 })
    const other = journalOf(sample).toJSONL({ seed: 7, wallMs: 99 })
    const { journal, header } = Journal.fromJSONL(text, 'run.jsonl')
    expect(journal.records).toEqual(j.records)
    expect(journal.traceHash()).toBe(j.traceHash())
    expect(header.meta).toEqual({ seed: 7, wallMs: 1234 })
    expect(Journal.fromJSONL(other).header.traceHash).toBe(header.traceHash)
  })

  it('rejects an edited, truncated or malformed trace', () => {
    const text = journalOf(sample).toJSONL()
    expect(codeOf(() => Journal.fromJSONL(text.replace('"loss"', '"lost"')))).toBe('TRACE_MISMATCH')
    expect(codeOf(() => Journal.fromJSONL(text.split('\n').slice(0, -2).join('\n')))).toBe('TRACE_MISMATCH')
    expect(codeOf(() => Journal.fromJSONL(''))).toBe('INVALID_ARG')
    expect(() => Journal.fromJSONL(text.replace('"t":7', '"t":"7"'), 'x.jsonl')).toThrow(
      /x\.jsonl:3: expected a record/,
    )
  })

  it('without retained records still hashes and counts', () => {
    const j = new Journal({ retain: false })
    for (const [t, type, data] of sample) j.append(t, type, data)
    expect(j.traceHash()).toBe(journalOf(sample).traceHash())
    expect(j.length).toBe(4)
    expect(j.count('drop')).toBe(2)
    expect(codeOf(() => j.toJSONL())).toBe('INTERNAL')
  })
})

describe('canonicalJson against a plain reference (property)', () => {
  /** The obvious, slow canonical form: the optimized one must agree with it. */
  const reference = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(reference).join(',')}]`
      : v !== null && typeof v === 'object'
        ? `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`)
            .join(',')}}`
        : JSON.stringify(v)
  it('agrees for any JSON value and parses back to it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(reference(v))
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v))) // -0 reads back as 0, as in JSON
      }),
      { numRuns: 1000 },
    )
  })
})
