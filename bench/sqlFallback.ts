/**
 * `npx tsx bench/sqlFallback.ts [--quick] [--json FILE]`
 *
 * The SQL fallback on a full-size chat document (reference profile): a replica fills a chat
 * document to 10 MB with the bench workload's messages spread over a year, then a replica with
 * the spec's threshold (10 MB) and archive age (90 days) opens the same store and runs its pass.
 * Reported: the materialization's time and bytes (before, after, and what plain Yjs removal would
 * have left without reclamation), the archive's size, and read latencies (tinybench p50/p99) of
 * the newest 50 messages and of a page of 50 archived ones, hybrid against the same reads on the
 * pure CRDT document: warm (steady state: reads are cached per item until it changes), right after
 * a write, and the first read after a replica loads the document. `--quick` uses a 1 MB document.
 * The pass (index rebuild, attestation,
 * stability, SQL upsert, removal, reclamation, compaction) is timed as a whole, wall and CPU.
 */
import { writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { Replica } from '../src/engine/replica/replica.ts'
import { MemoryStore } from '../src/engine/store/memoryStore.ts'
import { ManualClock, Rng, seededProviders } from '../src/engine/base/providers.ts'
import { getMessages, movableItems } from '../src/engine/fallback/api.ts'
import { DAY_MS, MB } from '../src/engine/fallback/config.ts'
import type { OpEntity } from '../src/engine/ops/types.ts'
import type { Cursor } from '../src/engine/sql/archive.ts'
import { runTimed } from './harness.ts'
import { machineInfo } from './machine.ts'
import { chatContent, EPOCH_MS } from './workloads.ts'

const G = 'group:bench'
const CHAT = `${G}:chat` as const
const PAGE = 50

interface Build {
  readonly store: MemoryStore
  readonly clock: ManualClock
  readonly messages: number
  readonly bytes: number
}

/** Fills a chat document to `target` bytes with messages spread evenly over `days`. */
function build(target: number, days: number): Build {
  const clock = new ManualClock(EPOCH_MS)
  const store = new MemoryStore(clock)
  // Compaction every 256 appends re-encodes the whole document (quadratic over a fill); once at the end is enough here.
  const config = { thresholds: { chat: 1024 * MB }, compactEvery: 1_000_000 }
  const r = new Replica({
    member: 'alice',
    profile: 'reference',
    store,
    providers: seededProviders('fill', 'alice', clock),
    config,
  })
  r.createEntity(G, {})
  const rng = new Rng('sql-fallback-bench')
  const perMessage = Math.round((days * DAY_MS) / (target / 250))
  let n = 0
  let bytes = 0
  while (bytes < target) {
    for (let i = 0; i < 500; i++, n++) {
      clock.advance(perMessage)
      r.execute('chat.send', G, { content: chatContent(rng) })
    }
    bytes = Y.encodeStateAsUpdate(r.ydoc(CHAT)).byteLength
  }
  r.docs.compactAll()
  r.close()
  return { store, clock, messages: n, bytes }
}

/** A copy of the built store (each replica below gets its own disk and archive). */
function copyStore(b: Build): MemoryStore {
  const copy = new MemoryStore(b.clock)
  for (const docId of b.store.list()) {
    const st = b.store.load(docId)!
    copy.compact(docId, Y.mergeUpdates([...(st.snapshot ? [st.snapshot] : []), ...st.updates]))
  }
  return copy
}

const open = (b: Build, boot: string, thresholdMb: number, store = copyStore(b)): Replica =>
  new Replica({
    member: 'alice',
    profile: 'reference',
    store,
    providers: seededProviders(boot, 'alice', b.clock),
    config: { thresholds: { chat: thresholdMb * MB }, archiveAfterDays: 90 },
  })

const ms = (f: () => void): number => {
  const t = performance.now()
  f()
  return performance.now() - t
}

/** CPU time (user + system, ms) of `f`: steadier than wall time on a shared machine. */
const cpuMs = (f: () => void): number => {
  const t = process.cpuUsage()
  f()
  const d = process.cpuUsage(t)
  return (d.user + d.system) / 1000
}

interface Latency {
  readonly p50: number
  readonly p99: number
  readonly samples: number
}

async function latencies(tasks: Record<string, () => unknown>, quick: boolean): Promise<Record<string, Latency>> {
  const out: Record<string, Latency> = {}
  for (const [name, fn] of Object.entries(tasks)) {
    const l = await runTimed(name, { kind: 'timed', fn }, quick)
    out[name] = { p50: l.p50, p99: l.p99, samples: l.samples ?? 0 }
  }
  return out
}

/** A cursor `depth` messages back from the newest (the start of an archived page). */
function cursorAt(e: OpEntity, depth: number): Cursor {
  let before: Cursor | undefined
  for (let left = depth; left > 0; ) {
    const page = getMessages(e, { limit: Math.min(left, 5000), ...(before ? { before } : {}) })
    left -= page.messages.length
    before = page.next!
  }
  return before!
}

/** A replica restarted on `r`'s store (its archive included), as after a crash. */
const restarted = (store: MemoryStore): Replica =>
  new Replica({
    member: 'alice',
    profile: 'reference',
    store,
    providers: seededProviders('restart', 'alice', new ManualClock(EPOCH_MS + 365 * DAY_MS)),
  })

/** What the same removal leaves in plain Yjs, without reclamation (the spec's code). */
function plainRemoval(state: Uint8Array, ids: readonly string[]): number {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  doc.transact(() => ids.forEach((id) => doc.getMap('messages').delete(id)))
  return Y.encodeStateAsUpdate(doc).byteLength
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, json: { type: 'string' } } })
  const quick = values.quick === true
  const targetMb = quick ? 1 : 10
  const t0 = performance.now()
  const b = build(targetMb * MB, 365)
  const buildMs = performance.now() - t0

  // Pure CRDT: a replica whose threshold is never reached.
  const pure = open(b, 'pure', 1024)
  const pureE = pure.entity(G)
  const depth = Math.floor(b.messages * 0.5)
  const pureCursor = cursorAt(pureE, depth)
  const pureState = pure.encodeState(CHAT)

  // Hybrid: the spec's threshold; its pass materializes everything older than 90 days.
  const hybridStore = copyStore(b)
  const hybrid = open(b, 'hybrid', targetMb, hybridStore)
  const loadMs = ms(() => hybrid.docs.get(CHAT))
  const moved: string[] = []
  let bytesBefore = 0
  let bytesAfter = 0
  hybrid.events.on((e) => {
    if (e.type === 'materialize') {
      moved.push(...e.items)
      bytesBefore = e.bytesBefore
      bytesAfter = e.bytesAfter
    }
  })
  const movable = movableItems(hybrid, G).length
  let passCpuMs = 0
  const passMs = ms(() => {
    passCpuMs = cpuMs(() => hybrid.runFallback(G))
  })
  const e = hybrid.entity(G)
  const hybridCursor = cursorAt(e, depth)
  const sqlDb = hybrid.fallback.archive.connection
  const sqlBytes =
    Number(sqlDb.pragma('page_count', { simple: true })) * Number(sqlDb.pragma('page_size', { simple: true }))

  const lat = await latencies(
    {
      'crdt newest 50': () => getMessages(pureE, { limit: PAGE }),
      'hybrid newest 50': () => getMessages(e, { limit: PAGE }),
      [`crdt page of 50, ${depth} back`]: () => getMessages(pureE, { limit: PAGE, before: pureCursor }),
      [`hybrid page of 50 archived, ${depth} back`]: () => getMessages(e, { limit: PAGE, before: hybridCursor }),
    },
    quick,
  )
  // A read right after a new message includes the index refresh.
  const afterWrite = Array.from({ length: 20 }, () => {
    hybrid.execute('chat.send', G, { content: 'fresh' })
    return ms(() => getMessages(e, { limit: PAGE }))
  }).sort((x, y) => x - y)
  // The first read after a replica loads the document builds its index (one pass over the items).
  const firstRead = (r: Replica): number => {
    r.docs.get(CHAT)
    r.docs.get(`${G}:core`)
    return ms(() => getMessages(r.entity(G), { limit: PAGE }))
  }
  const once = (x: number): Latency => ({ p50: x, p99: x, samples: 1 })

  const result = {
    machine: { ...machineInfo(), loadAverage: loadavg().map((x) => round(x)) },
    document: {
      targetBytes: targetMb * MB,
      messages: b.messages,
      bytes: b.bytes,
      spanDays: 365,
      buildMs: Math.round(buildMs),
    },
    materialize: {
      movable,
      moved: moved.length,
      loadMs: round(loadMs),
      passMs: round(passMs),
      passCpuMs: round(passCpuMs),
      bytesBefore,
      bytesAfter,
      bytesAfterWithoutReclaim: plainRemoval(pureState, moved),
      sqlBytes,
    },
    reads: {
      ...lat,
      'hybrid newest 50 after a write (median of 20)': { p50: afterWrite[10]!, p99: afterWrite[19]!, samples: 20 },
      'crdt first read after load (index build)': once(firstRead(open(b, 'pure-cold', 1024))),
      'hybrid first read after load (index build)': once(firstRead(restarted(hybridStore))),
    },
  }
  print(result)
  if (values.json) await writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`)
}

const round = (x: number): number => Math.round(x * 10) / 10

function print(r: {
  machine: ReturnType<typeof machineInfo> & { loadAverage: number[] }
  document: Record<string, number>
  materialize: Record<string, number>
  reads: Record<string, Latency>
}): void {
  const kb = (x: number): string => `${(x / 1024).toFixed(1)} KiB`
  console.log(
    `machine: ${r.machine.cpu}, ${r.machine.cores} cores, node ` +
      `${r.machine.node}, yjs ${r.machine.yjs}, load average ` +
      `${r.machine.loadAverage.join(' ')}`,
  )
  console.log(
    `document: ${r.document.messages} messages over ${r.document.spanDays} days, ` +
      `${kb(r.document.bytes!)} (built in ${r.document.buildMs} ms)`,
  )
  const m = r.materialize
  console.log(
    `materialize: ${m.moved}/${m.movable} older than 90 days moved; load ` +
      `${m.loadMs} ms, pass ${m.passMs} ms (${m.passCpuMs} ms CPU)`,
  )
  console.log(
    `  bytes before ${kb(m.bytesBefore!)}, after ${kb(m.bytesAfter!)}; plain Yjs ` +
      `removal would leave ${kb(m.bytesAfterWithoutReclaim!)}; archive ` +
      `${kb(m.sqlBytes!)}`,
  )
  for (const [name, l] of Object.entries(r.reads))
    console.log(`  ${name.padEnd(44)} p50 ${l.p50.toFixed(3)} ms   p99 ${l.p99.toFixed(3)} ms   (${l.samples} samples)`)
}

await main()
