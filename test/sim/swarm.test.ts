import { describe, expect, it } from 'vitest'
import { Rng } from '../../src/engine/base/providers.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import type { FaultStep } from '../../src/sim/scenario/model.ts'
import { SWARM_FAULTS, SWARM_LIES, swarmPlan, withSwarm } from '../../src/sim/scenario/swarm.ts'
import { designExample } from './designExample.ts'

const scenario = parseScenario(designExample(), 'x.json')
const plan = (seed: number) => swarmPlan(new Rng(seed).fork('swarm'), scenario)

/** Pairs of opening/closing faults on one resource, as [from, to] intervals. */
function episodes(
  steps: readonly FaultStep[],
  open: string,
  close: string,
  key: (s: FaultStep) => string,
): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>()
  const started = new Map<string, number>()
  for (const s of steps) {
    if (s.fault === open) started.set(key(s), s.at)
    if (s.fault === close) {
      const from = started.get(key(s))
      expect(from, `${close} without ${open}`).toBeDefined()
      out.set(key(s), [...(out.get(key(s)) ?? []), [from!, s.at]])
      started.delete(key(s))
    }
  }
  expect(started.size, `${open} without ${close}`).toBe(0)
  return out
}

const peerOf = (s: FaultStep): string => ('peer' in s ? s.peer : '')

describe('swarm plans', () => {
  it('are a function of the seed', () => {
    expect(plan(42)).toEqual(plan(42))
    const distinct = new Set(Array.from({ length: 40 }, (_, i) => JSON.stringify(plan(i))))
    expect(distinct.size).toBe(40)
  })

  it('vary the fault mix across seeds, reaching every class', () => {
    const seen = new Set(Array.from({ length: 60 }, (_, i) => plan(i).enabled).flat())
    expect([...seen].sort()).toEqual([...SWARM_FAULTS, ...SWARM_LIES].sort())
  })

  it("pair every fault, keep episodes on one resource apart, and name only the scenario's peers", () => {
    for (let seed = 0; seed < 200; seed++) {
      const { steps } = plan(seed)
      expect(steps.map((s) => s.at)).toEqual([...steps.map((s) => s.at)].sort((a, b) => a - b))
      const perPeer = new Map<string, [number, number][]>()
      for (const [open, close] of [
        ['offline', 'online'],
        ['crash', 'restart'],
      ] as const) {
        for (const [peer, spans] of episodes(steps, open, close, peerOf))
          perPeer.set(peer, [...(perPeer.get(peer) ?? []), ...spans])
      }
      const links = episodes(steps, 'hold', 'release', (s) => ('from' in s ? `${s.from}>${s.to}` : ''))
      const cuts = episodes(steps, 'partition', 'heal', () => 'net')
      for (const spans of [...perPeer.values(), ...links.values(), ...cuts.values()]) {
        const sorted = [...spans].sort((a, b) => a[0] - b[0])
        sorted.forEach(([from], i) => i > 0 && expect(from).toBeGreaterThan(sorted[i - 1]![1]))
      }
      for (const s of steps) {
        expect(s.index).toBe(-1)
        for (const name of [peerOf(s), 'from' in s ? s.from : '', 'to' in s ? s.to : ''].filter(Boolean))
          expect(scenario.peers).toContain(name)
        if (s.fault === 'partition') expect(s.groups.flat().sort()).toEqual([...scenario.peers].sort())
      }
    }
  })

  it('make one peer lie at most, in episodes apart, each ended by honest; never with fewer than 3 peers', () => {
    let lied = 0
    for (let seed = 0; seed < 200; seed++) {
      const lies = plan(seed).steps.filter((s) => ['impersonate', 'equivocate', 'honest'].includes(s.fault))
      expect(new Set(lies.map(peerOf)).size).toBeLessThanOrEqual(1)
      let open: number | undefined
      let last = -1
      for (const s of lies) {
        if (s.fault === 'honest') {
          expect(open, 'honest without a lie').toBeDefined()
          last = s.at
          open = undefined
          continue
        }
        if (s.fault === 'impersonate') expect(s.as).not.toBe(s.peer)
        if (open === undefined) expect(s.at).toBeGreaterThan(last)
        else expect(s.at).toBe(open) // both lies of an episode start together
        open = s.at
      }
      expect(open, 'a lie without honest').toBeUndefined()
      if (lies.length > 0) lied++
    }
    expect(lied).toBeGreaterThan(70)
    const two = { ...scenario, peers: ['alice', 'bob'] }
    const isLie = (f: string) => (SWARM_LIES as readonly string[]).includes(f)
    for (let seed = 0; seed < 50; seed++)
      expect(swarmPlan(new Rng(seed).fork('swarm'), two).enabled.filter(isLie)).toEqual([])
  })

  it('only raise message faults, within probability bounds', () => {
    for (let seed = 0; seed < 100; seed++) {
      const n = plan(seed).network
      for (const p of [n.drop, n.duplicate, n.corrupt]) expect(p >= 0 && p <= 1).toBe(true)
      expect(n.latencyMs[0]).toBe(scenario.network.latencyMs[0])
      expect(n.latencyMs[1]).toBeGreaterThanOrEqual(scenario.network.latencyMs[1])
      expect(n.reorder).toBe(scenario.network.reorder)
    }
  })

  it('merge into the scenario sorted, file steps first at equal times', () => {
    const p = plan(3)
    const merged = withSwarm(scenario, p)
    expect(merged.steps).toHaveLength(scenario.steps.length + p.steps.length)
    expect(merged.network).toBe(p.network)
    merged.steps.forEach((s, i) => {
      if (i === 0) return
      const prev = merged.steps[i - 1]!
      expect(prev.at <= s.at).toBe(true)
      if (prev.at === s.at && prev.index === -1) expect(s.index).toBe(-1)
    })
  })
})
