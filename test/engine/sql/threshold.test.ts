/** Threshold detection on save, from the encoded document size, per concern and configurable. */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { resolveFallbackConfig, SPEC_THRESHOLDS, MB } from '../../../src/engine/fallback/config.ts'
import { SizeGauge, slackFor } from '../../../src/engine/fallback/sizeGauge.ts'
import { Replica } from '../../../src/engine/replica/replica.ts'
import { MemoryStore } from '../../../src/engine/store/memoryStore.ts'
import { ManualClock, seededProviders } from '../../../src/engine/base/providers.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { CHAT, G, chatNet, recordEvents, sendMany, status } from './fixture.ts'

describe('thresholds', () => {
  it("default to the spec's table and are scaled per concern by config", () => {
    expect(SPEC_THRESHOLDS).toEqual({ core: 1 * MB, chat: 10 * MB, kanban: 5 * MB, issues: 10 * MB, canvas: 5 * MB })
    const c = resolveFallbackConfig({ thresholds: { chat: 65536 }, archiveAfterDays: 0.5 })
    expect(c.thresholds).toMatchObject({ chat: 65536, kanban: 5 * MB })
    expect(c.archiveAfterMs).toBe(12 * 3_600_000)
    expect(labErrorOf(() => resolveFallbackConfig({ thresholds: { chat: -1 } }))).toMatchObject({
      code: 'INVALID_ARG',
      path: 'config.thresholds.chat',
    })
    expect(labErrorOf(() => resolveFallbackConfig({ thresholds: { chats: 1 } as never }))).toMatchObject({
      code: 'INVALID_ARG',
      path: 'config.thresholds.chats',
    })
    expect(labErrorOf(() => resolveFallbackConfig({ archiveAfterDays: Number.NaN }))).toMatchObject({
      code: 'INVALID_ARG',
      path: 'config.archiveAfterDays',
    })
    expect(
      labErrorOf(
        () =>
          new Replica({
            member: 'a',
            profile: 'spec',
            store: new MemoryStore(new ManualClock()),
            providers: seededProviders(1, 'a'),
            config: { thresholds: { chat: 0 } },
          }),
      ).code,
    ).toBe('INVALID_ARG')
  })

  it('are detected on save within slack/16 of the exact encoded size, once per crossing', () => {
    const net = chatNet('reference', () => ({ thresholds: { chat: 16_000 }, archiveAfterDays: 1000 }), ['alice'])
    const events = recordEvents(net)
    const sizes: number[] = []
    net.r('alice').events.on((e) => {
      if (e.type === 'threshold') sizes.push(Y.encodeStateAsUpdate(net.r('alice').ydoc(CHAT)).byteLength)
    })
    sendMany(net, 120)
    expect(events.of('alice').filter((e) => e.type === 'threshold')).toHaveLength(1)
    expect(sizes[0]).toBeGreaterThan(16_000)
    expect(sizes[0]! - 16_000).toBeLessThanOrEqual(slackFor(16_000) / 16 + 400)
    // nothing is old enough to move (1000 days): the document stays past its threshold, in crdt mode
    expect(status(net, 'alice')).toMatchObject({ over: true, mode: 'crdt', archived: 0 })
  })

  it('a gauge bounds the size by update bytes and walks the document only when the bound crosses the threshold', () => {
    const doc = new Y.Doc()
    const md = { id: 'group:x:chat', doc } as never
    const gauge = new SizeGauge(md, 20_000)
    expect(gauge.bytes()).toBe(Y.encodeStateAsUpdate(doc).byteLength)
    expect(gauge.measurements).toBe(1)
    const m = doc.getMap('m')
    for (let i = 0; i < 100; i++) {
      m.set(`k${i % 30}`, 'v'.repeat(100))
      const exact = Y.encodeStateAsUpdate(doc).byteLength
      expect(gauge.bytes()).toBeGreaterThanOrEqual(exact)
      expect(gauge.over()).toBe(exact > 20_000)
    }
    // 100 writes of ~110 B: the bound stayed under 20 KB, so nothing was walked after the first
    expect(gauge.measurements).toBe(1)
    for (let i = 0; i < 200; i++) m.set(`n${i}`, 'w'.repeat(100))
    expect(gauge.over()).toBe(true)
    expect(gauge.measurements).toBeGreaterThan(1)
    expect(gauge.measure()).toBe(Y.encodeStateAsUpdate(doc).byteLength)
  })

  it('core and canvas have thresholds and no action: crossing is reported, nothing moves', () => {
    const clock = new ManualClock()
    const r = new Replica({
      member: 'alice',
      profile: 'reference',
      store: new MemoryStore(clock),
      providers: seededProviders(1, 'alice', clock),
      config: { thresholds: { core: 2000 } },
    })
    const seen: string[] = []
    r.events.on((e) => e.type === 'threshold' && seen.push(e.docId))
    r.createEntity(G, {})
    for (let i = 0; i < 40; i++) r.execute('member.add', G, { member: `member-${i}`, role: 'member' })
    expect(seen).toEqual([`${G}:core`])
    expect(r.query('member.list', G)).toHaveLength(41)
  })
})
