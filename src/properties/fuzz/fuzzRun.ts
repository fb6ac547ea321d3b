/**
 * The fuzz harness: generated inputs (fuzzInputs.ts) sent by a member to two replicas of a
 * settled project (fuzzWorld.ts), under each profile. Each input must be refused whole or
 * applied whole: a refused one leaves the document's state and its store as they were (else a
 * partial apply, or saved-but-rejected), and a restart after an applied one must load what the
 * replica shows (else restart-differs). Nothing may throw out of a replica, report an internal error, or break a read
 * or a later op (a crash), and both replicas must answer every read alike once they have talked
 * (else a divergence). Results are data; `crdt-lab fuzz` prints them.
 */
import * as Y from 'yjs'
import type { ProfileName } from '../../engine/base/enums.ts'
import type { DocId } from '../../engine/base/ids.ts'
import { Rng } from '../../engine/base/providers.ts'
import type { Replica } from '../../engine/replica/replica.ts'
import { DocumentManager } from '../../engine/docs/documentManager.ts'
import { schemaPlugin } from '../../engine/concerns/schema.ts'
import type { SmallWorld } from '../../sim/smallWorld.ts'
import { INPUT_KINDS, InputSource, type FuzzInput, type InputKind } from './fuzzInputs.ts'
import { fuzzWorld, PROJECT, RECEIVERS, samples, SENDER } from './fuzzWorld.ts'
import { readAll, writeOne } from './fuzzReads.ts'

/**
 * - `partial-apply`: a refused input changed the document (its state or what Yjs holds pending);
 * - `saved-but-rejected`: a refused input reached the store;
 * - `crash`: a throw out of a replica, an INTERNAL error or event, a read or a later op that broke;
 * - `divergence`: the receivers, having talked, answer a read differently;
 * - `restart-differs`: an applied input left the document other than a restart would load it.
 */
export type FindingKind = 'crash' | 'partial-apply' | 'saved-but-rejected' | 'divergence' | 'restart-differs'

export interface FuzzFinding {
  readonly finding: FindingKind
  readonly profile: ProfileName
  readonly input: number
  readonly kind: InputKind
  readonly detail: string
  readonly message: string
}

export interface FuzzOptions {
  readonly inputs: number
  readonly seed: number
  readonly profiles: readonly ProfileName[]
  /** Inputs between fresh worlds (default 250): state drifts less, and the harness stays fast. */
  readonly resetEvery?: number
  /** Wall clock (ms) and resident set size (bytes) of the process; default: none measured. */
  readonly probe?: { now(): number; rss(): number }
  readonly onProgress?: (done: number, total: number) => void
}

export interface FuzzReport {
  readonly inputs: number
  readonly seed: number
  readonly profiles: readonly ProfileName[]
  /** Per input kind: how many were sent, rejected, applied, or something else (answered, ephemeral). */
  readonly byKind: Record<InputKind, { sent: number; rejected: number; applied: number; other: number }>
  readonly partialApplies: number
  readonly savedButRejected: number
  readonly crashes: number
  readonly divergences: number
  readonly restartDiffers: number
  /** The first finding of each distinct kind and message (at most 30), with what to look at. */
  readonly findings: readonly FuzzFinding[]
  readonly slowest: { readonly ms: number; readonly kind: InputKind; readonly detail: string } | null
  readonly peakRssBytes: number
  readonly wallMs: number
}

/** Runs `options.inputs` inputs under each profile (the count is per profile). */
export function runFuzz(options: FuzzOptions): FuzzReport {
  const probe = options.probe ?? { now: () => 0, rss: () => 0 }
  const started = probe.now()
  const byKind = Object.fromEntries(
    INPUT_KINDS.map((k) => [k, { sent: 0, rejected: 0, applied: 0, other: 0 }]),
  ) as FuzzReport['byKind']
  const counts: Record<FindingKind, number> = {
    crash: 0,
    'partial-apply': 0,
    'saved-but-rejected': 0,
    divergence: 0,
    'restart-differs': 0,
  }
  const findings: FuzzFinding[] = []
  const distinct = new Set<string>()
  let slowest: FuzzReport['slowest'] = null
  let peak = probe.rss()
  const total = options.inputs * options.profiles.length
  let done = 0
  for (const profile of options.profiles) {
    const rng = new Rng(`fuzz:${options.seed}:${profile}`)
    let i = 0
    while (i < options.inputs) {
      const net = fuzzWorld(profile, rng.uint32())
      const source = new InputSource(rng.fork(`inputs:${i}`), net.r(SENDER), samples(net))
      const internal = watchInternal(net)
      const batch = Math.min(options.resetEvery ?? 250, options.inputs - i)
      for (let n = 0; n < batch; n++, i++, done++) {
        const input = source.next()
        byKind[input.kind].sent++
        const t0 = probe.now()
        const found = sendOne(net, input, byKind, internal, i)
        const ms = probe.now() - t0
        if (!slowest || ms > slowest.ms) slowest = { ms, kind: input.kind, detail: input.detail }
        for (const [finding, message] of found) {
          counts[finding]++
          if (findings.length < 20)
            findings.push({ finding, profile, input: i, kind: input.kind, detail: input.detail, message })
        }
        if (done % 100 === 0) {
          peak = Math.max(peak, probe.rss())
          options.onProgress?.(done, total)
        }
      }
      source.close()
      for (const m of [SENDER, ...RECEIVERS]) net.r(m).close()
    }
  }
  peak = Math.max(peak, probe.rss())
  return {
    inputs: options.inputs,
    seed: options.seed,
    profiles: [...options.profiles],
    byKind,
    partialApplies: counts['partial-apply'],
    savedButRejected: counts['saved-but-rejected'],
    crashes: counts.crash,
    divergences: counts.divergence,
    restartDiffers: counts['restart-differs'],
    findings,
    slowest,
    peakRssBytes: peak,
    wallMs: Math.round(probe.now() - started),
  }
}

/** Counts `internal` events (a failure after storing) per receiver. */
function watchInternal(net: SmallWorld): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  for (const m of RECEIVERS) {
    const list: string[] = []
    seen.set(m, list)
    net.r(m).events.on((e) => {
      if (e.type === 'internal') list.push(e.message)
    })
  }
  return seen
}

/**
 * What a document holds: its state vector and delete set as a Yjs snapshot of its struct store
 * (what Yjs keeps pending is not in it: a restart loses that, by design, and a resync brings it).
 */
const summary = (doc: Y.Doc): string => Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('base64')

const fingerprint = (r: Replica, docId: DocId): string => summary(r.ydoc(docId))

/** The document's snapshot and what Yjs holds pending: all a refused input must leave alone. */
const everything = (r: Replica, docId: DocId): string => {
  const { pendingStructs, pendingDs } = r.ydoc(docId).store
  const bytes = (u: Uint8Array | null | undefined) => (u ? Buffer.from(u).toString('base64') : '-')
  return `${fingerprint(r, docId)}|${bytes(pendingStructs?.update)}|${bytes(pendingDs)}`
}

/** The document as a restart would load it from the store (the engine's own load, its roots typed). */
function stored(net: SmallWorld, m: string, docId: DocId): string {
  const docs = new DocumentManager({
    store: net.get(m).store,
    clientIds: { next: () => 1 },
    plugins: [schemaPlugin],
  })
  const md = docs.get(docId)
  const out = summary(md.doc)
  md.doc.destroy()
  return out
}

const messageOf = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))

/** Sends one input to both receivers; returns what went wrong. */
function sendOne(
  net: SmallWorld,
  input: FuzzInput,
  byKind: FuzzReport['byKind'],
  internal: Map<string, string[]>,
  index: number,
): [FindingKind, string][] {
  const out: [FindingKind, string][] = []
  for (const m of RECEIVERS) {
    const r = net.r(m)
    const writes = net.get(m).store.writes()
    const before = everything(r, input.docId)
    const events = internal.get(m)!.length
    let result
    try {
      result = r.receive(SENDER, input.docId, input.bytes)
    } catch (e) {
      out.push(['crash', `${m}: receive threw ${messageOf(e)}`])
      continue
    }
    if (m === RECEIVERS[0])
      byKind[input.kind][
        result.status === 'rejected' ? 'rejected' : result.status === 'applied' ? 'applied' : 'other'
      ]++
    if (result.status === 'rejected') {
      if (result.error.code === 'INTERNAL') out.push(['crash', `${m}: rejected as INTERNAL: ${result.error.message}`])
      if (net.get(m).store.writes() !== writes) out.push(['saved-but-rejected', `${m}: ${result.error.message}`])
      if (everything(r, input.docId) !== before)
        out.push(['partial-apply', `${m}: refused but changed: ${result.error.message}`])
    } else if (result.status === 'applied' && stored(net, m, input.docId) !== fingerprint(r, input.docId)) {
      const detail = `stored ${stored(net, m, input.docId)}, integrated ${fingerprint(r, input.docId)}`
      out.push(['restart-differs', `${m}: applied, but a restart would load another state (${detail})`])
    }
    const after = internal.get(m)!
    if (after.length > events) out.push(['crash', `${m}: internal error after storing: ${after[after.length - 1]}`])
  }
  out.push(...afterInput(net, index))
  return out
}

/** Inputs between two full looks (an anti-entropy round, every read on both receivers compared, a local op). */
const FULL_EVERY = 8

/**
 * After each input the first receiver's reads must work. Every FULL_EVERY inputs the receivers
 * also talk (mallory hears nothing), every read on both must work and agree, and a local op must
 * work: what one input broke is still broken then.
 */
function afterInput(net: SmallWorld, index: number): [FindingKind, string][] {
  const out: [FindingKind, string][] = []
  if (index % FULL_EVERY !== FULL_EVERY - 1) {
    const read = readAll(net.r(RECEIVERS[0]), PROJECT, false)
    if (read.error) out.push(['crash', `${RECEIVERS[0]}: ${read.error}`])
    return out
  }
  const lose = (from: string, to: string) => from === SENDER || to === SENDER
  try {
    // An anti-entropy round between the receivers, so that they hold the same state before reads are compared.
    net.r(RECEIVERS[0]).antiEntropy(RECEIVERS[1], PROJECT)
    net.r(RECEIVERS[1]).antiEntropy(RECEIVERS[0], PROJECT)
    net.settle({ lose, maxRounds: 20 })
  } catch (e) {
    out.push(['crash', `settling the receivers threw ${messageOf(e)}`])
    return out
  }
  const answers: string[] = []
  for (const m of RECEIVERS) {
    const read = readAll(net.r(m), PROJECT, true)
    if (read.error) out.push(['crash', `${m}: ${read.error}`])
    answers.push(read.text)
  }
  if (answers[0] !== answers[1])
    out.push(['divergence', `carol and alice answer differently: ${firstDiff(answers[0]!, answers[1]!)}`])
  const op = writeOne(net.r(RECEIVERS[0]), PROJECT, index)
  if (op) out.push(['crash', `${RECEIVERS[0]}: ${op}`])
  return out
}

const firstDiff = (a: string, b: string): string => {
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return `${a.slice(Math.max(0, i - 40), i + 40)} | ${b.slice(Math.max(0, i - 40), i + 40)}`
}
