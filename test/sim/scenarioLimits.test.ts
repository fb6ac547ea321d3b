/**
 * Scenario limits (src/sim/scenario/limits.ts): every input the lab cannot run in reasonable time
 * and memory, or would misread, is BAD_SCENARIO naming the file, the JSON path and the limit,
 * before anything runs.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadScenario, parseScenario, parseScenarioText } from '../../src/sim/scenario/load.ts'
import { firstInvalidUtf8 } from '../../src/sim/scenario/boundedFile.ts'
import { SCENARIO_LIMITS } from '../../src/sim/scenario/limits.ts'
import { labErrorOf } from './labErrors.ts'

const FILE = 'x.json'
const G = 'group:g'
const send = (at: number, peer = 'alice') => ({ at, peer, op: 'chat.send', entity: G, args: { content: 'x' } })
const base = (): Record<string, any> => ({
  peers: ['alice', 'bob'],
  entities: [{ id: G, owner: 'alice', members: { bob: 'member' } }],
  steps: [send(0)],
})

/** The problem lines of `scenario`, without the file prefix. */
function problems(scenario: unknown): string[] {
  const e = labErrorOf(() => parseScenario(scenario, FILE), 'BAD_SCENARIO')
  return e.message.split('\n').map((l) => l.replace(`${FILE}: `, ''))
}
const textProblem = (text: string): string =>
  labErrorOf(() => parseScenarioText(text, FILE), 'BAD_SCENARIO').message.replace(`${FILE}: `, '')
const changed = (change: (s: Record<string, any>) => void) => {
  const s = base()
  change(s)
  return s
}

describe('scenario limits', () => {
  it('a scenario inside every limit loads', () => {
    expect(parseScenario(base(), FILE).steps).toHaveLength(1)
  })

  it('counts: steps, peers, entities, members', () => {
    const steps = problems(changed((s) => (s.steps = Array.from({ length: 10_001 }, () => ({ at: 0, fault: 'heal' })))))
    expect(steps).toEqual([`$.steps: needs at most 10000 items; the lab's limit on steps (README, "Scenario limits")`])
    const peers = Array.from({ length: 65 }, (_, i) => `p${i}`)
    expect(problems(changed((s) => (s.peers = peers)))[0]).toMatch(
      /^\$\.peers: needs at most 64 items; .*limit on peers/,
    )
    const entities = Array.from({ length: 65 }, (_, i) => ({ id: `group:g${i}`, owner: 'alice' }))
    expect(problems(changed((s) => (s.entities = entities)))[0]).toMatch(/^\$\.entities: needs at most 64 items/)
    const members = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`m${i}`, 'member']))
    expect(problems(changed((s) => (s.entities[0].members = members)))[0]).toMatch(
      /^\$\.entities\[0\]\.members: has 64 members; at most 63: .*members of an entity/,
    )
  })

  it('simulated time: at, random.until, advanceDays (in all), durations, skews, archive age', () => {
    for (const at of [2 ** 53, 1e12])
      expect(problems(changed((s) => (s.steps = [send(at)])))).toEqual([
        `$.steps[0].at: must be <= 86400000, got the number ${at}; the lab's limit on simulated time of a step ` +
          '(`at`, `random.until`), ms (README, "Scenario limits")',
      ])
    const random = { at: 0, random: { until: 1e12, entity: G, mix: { 'chat.send': 1 } } }
    expect(problems(changed((s) => (s.steps = [random])))[0]).toMatch(
      /^\$\.steps\[0\]\.random\.until: must be <= 86400000/,
    )
    expect(problems(changed((s) => (s.steps = [{ at: 0, advanceDays: 1e300 }])))[0]).toMatch(
      /^\$\.steps\[0\]\.advanceDays: must be <= 36500, got the number 1e\+300/,
    )
    const twice = [
      { at: 0, advanceDays: 20_000 },
      { at: 1, advanceDays: 20_000 },
    ]
    expect(problems(changed((s) => (s.steps = twice)))).toEqual([
      "$.steps[1].advanceDays: brings the days jumped to 40,000; at most 36,500 in all: the lab's limit on days " +
        'jumped by all `advanceDays` steps together (README, "Scenario limits")',
    ])
    expect(problems(changed((s) => (s.network = { latencyMs: [1, 1e10] })))[0]).toMatch(
      /^\$\.network\.latencyMs\[1\]: must be <= 86400000/,
    )
    expect(problems(changed((s) => (s.steps = [{ at: 0, fault: 'clockSkew', peer: 'bob', ms: -1e15 }])))[0]).toMatch(
      /^\$\.steps\[0\]\.ms: must be >= -3153600000000, got the number -1000000000000000; the lab's limit on/,
    )
    expect(problems(changed((s) => (s.config = { archiveAfterDays: 1e9 })))[0]).toMatch(
      /^\$\.config\.archiveAfterDays: must be <= 36500/,
    )
  })

  it('anti-entropy rounds: antiEntropyMs 1 over a long run is refused with the period that would fit', () => {
    const long = changed((s) => {
      s.network = { antiEntropyMs: 1 }
      s.steps = [send(600_000)]
    })
    const [line] = problems(long)
    expect(line).toMatch(/^\$\.network\.antiEntropyMs: 600,000 ms of steps at one anti-entropy round every 1 ms/)
    expect(line).toMatch(/about 3,624,242 sync messages; at most 300,000: .* Set antiEntropyMs to at least (\d+)/)
    const fits = Number(/at least ([\d,]+)/.exec(line!)![1]!.replace(/,/g, ''))
    long.network.antiEntropyMs = fits
    expect(parseScenario(long, FILE).network.antiEntropyMs).toBe(fits)
    long.network.antiEntropyMs = fits - 1
    expect(problems(long)[0]).toMatch(/sync messages/)
  })

  it('op deliveries: a random step drawing too many ops names its until', () => {
    const random = { at: 0, random: { until: 100_000, everyMs: [10, 10], entity: G, mix: { 'chat.send': 1 } } }
    expect(problems(changed((s) => (s.steps = [random])))).toEqual([
      '$.steps[0].random.until: the steps issue about 10,001 ops to 2 peers, 10,001 op deliveries; at most 5,000: ' +
        "the lab's limit on op deliveries: ops (op steps and the expected draws of random steps) x (peers - 1) " +
        '(README, "Scenario limits"). This random step draws about 10,001: end it sooner or draw less often (everyMs)',
    ])
    const steps = Array.from({ length: 5_001 }, (_, i) => send(i))
    expect(problems(changed((s) => (s.steps = steps)))[0]).toMatch(
      /^\$\.steps: the steps issue about 5,001 ops .*fewer op steps/,
    )
  })

  it('thresholds only for concerns with a SQL fallback, with the JSON path', () => {
    expect(problems(changed((s) => (s.config = { thresholds: { core: 100 } })))).toEqual([
      '$.config.thresholds.core: unknown SQL-fallback concern "core"; expected one of chat, kanban, issues',
    ])
  })
})

describe('raw JSON: depth, huge numbers, prototype keys', () => {
  it('10^5-deep JSON, well-formed or not, is refused at the line and column where it passes 64 levels', () => {
    const deep = `{"peers":${'['.repeat(1e5)}${']'.repeat(1e5)}}`
    expect(textProblem(deep)).toBe(
      'line 1, column 73: nested deeper than 64 levels of arrays and objects; flatten the data',
    )
    expect(textProblem(`{"peers":${'['.repeat(1e5)}`)).toMatch(/^line 1, column 73: nested deeper than 64/)
    // Brackets inside strings do not count.
    expect(() => parseScenarioText(JSON.stringify({ ...base(), description: '['.repeat(1000) }), FILE)).not.toThrow()
  })

  it('a deep object from a library caller is refused without recursion', () => {
    let v: unknown = 1
    for (let i = 0; i < 1e5; i++) v = [v]
    expect(problems(changed((s) => (s.description = v)))).toEqual([
      `$.description${'[0]'.repeat(63)}: nested deeper than 64 levels of arrays and objects; flatten the data`,
    ])
  })

  it('a number no double holds (1e999) is refused where it stands', () => {
    expect(textProblem('{\n  "seed": 1e999\n}')).toBe('line 2, column 11: the number 1e999 is too large for a double')
  })

  it('"__proto__", "constructor" and "prototype" keys are refused anywhere, never dropped', () => {
    const text = JSON.stringify(base()).replace('{"bob":"member"}', '{"bob":"member","__proto__":"admin"}')
    expect(textProblem(text)).toMatch(/^\$\.entities\[0\]\.members\.__proto__: the key "__proto__" is not allowed/)
    const nested = changed((s) => (s.steps[0].args = { content: 'x', constructor: 1, more: { prototype: 2 } }))
    expect(problems(nested).map((l) => l.split(':')[0])).toEqual([
      '$.steps[0].args.constructor',
      '$.steps[0].args.more.prototype',
    ])
  })
})

describe('scenario files: regular, bounded, UTF-8', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crdt-lab-limits-'))
  const file = (name: string, data: string | Buffer): string => {
    writeFileSync(join(dir, name), data)
    return join(dir, name)
  }

  it('a FIFO and /dev/zero are refused at once, unread', () => {
    const fifo = join(dir, 'fifo.json')
    execFileSync('mkfifo', [fifo])
    expect(labErrorOf(() => loadScenario(fifo), 'BAD_SCENARIO').message).toBe(
      `${fifo}: is a FIFO (named pipe), not a regular scenario file`,
    )
    expect(labErrorOf(() => loadScenario('/dev/zero'), 'BAD_SCENARIO').message).toBe(
      '/dev/zero: is a character device, not a regular scenario file',
    )
  })

  it('a file over the size limit is refused before it is read', () => {
    const big = file('big.json', Buffer.alloc(SCENARIO_LIMITS.fileBytes.max + 1, 0x20))
    expect(labErrorOf(() => loadScenario(big), 'BAD_SCENARIO').message).toBe(
      `${big}: is 4194305 bytes; a scenario file may have at most 4 MiB`,
    )
  })

  it('invalid UTF-8 is refused with its line and column, never replaced', () => {
    const bytes = Buffer.from(`{\n  "description": "caf\u00e9 AB",\n  "peers": []\n}`)
    const at = bytes.indexOf('AB')
    bytes[at] = 0xff
    expect(labErrorOf(() => loadScenario(file('bad.json', bytes)), 'BAD_SCENARIO').message).toMatch(
      /bad\.json: line 2, column 24: not valid UTF-8 \(byte 0xff at offset 26\); save the scenario file as UTF-8$/,
    )
  })

  it('the UTF-8 check agrees with the standard decoder on every sequence kind', () => {
    const cases: [number[], number][] = [
      [[0x41, 0xc3, 0xa9], -1],
      [[0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], -1],
      [[0xc0, 0x80], 0], // overlong
      [[0xe0, 0x80, 0x80], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x41, 0xe2, 0x82], 1], // cut short
      [[0x41, 0xe2, 0x41], 1],
      [[0xe2, 0x82, 0x41], 2],
    ]
    for (const [bytes, bad] of cases) {
      expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(bad)
      const ok = (() => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes))
          return true
        } catch {
          return false
        }
      })()
      expect(ok).toBe(bad === -1)
    }
  })
})

describe('the README lists the limits', () => {
  it('its table equals the registry', async () => {
    const { readFileSync } = await import('node:fs')
    const { limitsTable } = await import('../../src/sim/scenario/limits.ts')
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain(limitsTable())
  })
})
