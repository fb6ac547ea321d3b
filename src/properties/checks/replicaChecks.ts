/**
 * Checks about replicas as wholes: convergence (documents equal by raw Yjs, and every read the
 * engine makes agreeing with them), idempotence, persistence (the torn document included: it must
 * hold its last good state) and offline-first.
 */
import * as Y from 'yjs'
import { emptyFingerprints, fingerprint } from '../oracle/reads.ts'
import { holdsOp } from '../oracle/causal.ts'
import { allDisagreements } from '../oracle/crossRead.ts'
import { fails, notEvaluated, verdict, type Check } from './check.ts'

const EMPTY = emptyFingerprints()

const svJson = (doc: Y.Doc): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) out[client.toString(36)] = clock
  return out
}

export const convergence: Check = {
  name: 'convergence',
  claim:
    'Automatic conflict resolution - Yrs handles merging via CRDT semantics: ' +
    'after faults heal and messages drain, the replicas of every active member ' +
    'hold equal documents.',
  evaluate(ctx) {
    const { liveness } = ctx.run
    if (!liveness.converged) return fails(`never converged: ${liveness.detail}`)
    const problems: string[] = []
    for (const entity of ctx.entities()) {
      const replicas = ctx.activeReplicas(entity)
      for (const p of replicas) problems.push(...allDisagreements(ctx, p, entity))
      const docs = new Set(replicas.flatMap((p) => p.r.docIds(entity)))
      for (const docId of docs) {
        const prints = replicas.map((p) => ({ p: p.name, f: fingerprint(p.r.ydoc(docId)) }))
        for (const what of ['sv', 'ds', 'json'] as const) {
          const groups = new Set(prints.map((x) => x.f[what]))
          if (groups.size > 1) {
            problems.push(
              `${docId}: replicas differ in ` +
                `${what === 'sv' ? 'state vector' : what === 'ds' ? 'delete set' : 'content'} ` +
                `(${prints.map((x) => x.p).join(', ')})`,
            )
            break
          }
        }
      }
    }
    return verdict(
      problems,
      true,
      `replicas of ${ctx.entities().length} ` +
        `entit${ctx.entities().length === 1 ? 'y' : 'ies'} equal after ` +
        `${liveness.rounds} anti-entropy round(s); every engine read agrees with its documents`,
    )
  },
}

export const idempotence: Check = {
  name: 'idempotence',
  claim: 'Efficient sync - state vectors and incremental updates: duplicated and reordered deliveries change nothing.',
  evaluate(ctx) {
    const repeats = ctx.history.repeats.filter((r) => r.kind === 'update' || r.kind === 'step2')
    if (repeats.length === 0) return notEvaluated('no message was delivered twice')
    const bad = repeats
      .filter((r) => r.changed || r.rewrote)
      .map(
        (r) =>
          `t=${r.t}: a second copy of a ${r.kind} ` +
          `${r.changed ? 'changed' : 'made the replica rewrite'} ${r.peer}'s document`,
      )
    return verdict(bad, true, `${repeats.length} repeated deliveries changed nothing`)
  },
}

/** Hex state vector of a document that holds nothing. */
const EMPTY_STATE_VECTOR = Buffer.from(Y.encodeStateVector(new Y.Doc())).toString('hex')

export const persistence: Check = {
  name: 'persistence',
  claim:
    'CRDT state is persisted to the filesystem (.yrs + .meta files): a crash ' +
    'loses nothing that was saved; a torn write leaves the last good state.',
  evaluate(ctx) {
    const crashes = ctx.history.crashes.filter((c) => c.after || c.restartError)
    if (crashes.length === 0) return notEvaluated('no crashed peer restarted')
    const bad: string[] = []
    for (const c of crashes) {
      if (c.restartError) {
        bad.push(`${c.peer} failed to load after the crash at t=${c.t}: ${c.restartError}`)
        continue
      }
      for (const [docId, before] of c.before) {
        // A document the replica only opened (nothing written) is not in the store: it loads empty.
        const after = c.after!.get(docId) ?? EMPTY.get(docId.slice(docId.lastIndexOf(':') + 1))
        if (c.torn?.docId === docId) {
          // A torn write leaves the last good state: what the store held before that write.
          const good = c.lastGood
          if (good && (!after || after.sv !== good.sv || after.ds !== good.ds))
            bad.push(
              `${c.peer}'s ${docId}, whose last write was torn in the crash at t=${c.t}, ` +
                'did not load its last good state',
            )
          continue
        }
        // opened (e.g. read) but never written: nothing was saved
        if (!after && before.sv === EMPTY_STATE_VECTOR) continue
        if (!after || after.sv !== before.sv || after.ds !== before.ds || after.json !== before.json)
          bad.push(`${c.peer} lost saved state of ${docId} in the crash at t=${c.t}`)
      }
    }
    return verdict(bad, true, `${crashes.length} restart(s) loaded everything saved`)
  },
}

export const offlineFirst: Check = {
  name: 'offlineFirst',
  claim:
    'Offline-first - all operations work without network connectivity: every ' +
    'operation succeeds offline, is queued, and is visible everywhere after ' +
    'reconnection.',
  evaluate(ctx) {
    if (ctx.history.offlineOps.length === 0) return notEvaluated('no op ran while its peer was offline')
    // An op that wrote no struct (a cursor move, an undo with nothing to undo, a pure Yjs deletion
    // such as disk.delete) leaves no trace in state vectors; convergence judges delete sets.
    // A liar's ops are required nowhere, and its replica is not judged (CheckContext.honest).
    const ops = ctx.history.offlineOps.filter((op) => ctx.honest(op.peer))
    if (ops.length === 0) return notEvaluated('no honest peer ran an op while offline')
    const offline = ops.filter((op) => op.outcome.effects.length > 0)
    const untraced = ops.length - offline.length
    if (offline.length === 0) return notEvaluated(`none of the ${untraced} op(s) run offline wrote a struct to deliver`)
    const lostToTear = (peer: string, t: number) =>
      ctx.history.crashes.some((c) => c.peer === peer && c.t >= t && c.torn)
    const bad: string[] = []
    for (const op of offline) {
      if (lostToTear(op.peer, op.t)) continue
      for (const p of ctx.world.peers.values()) {
        if (!p.up || !ctx.honest(p.name)) continue
        const docs = ctx.docsOf(p, op.entity)
        const svs = Object.fromEntries(
          op.outcome.effects.map((r) => {
            const doc = docs(r.docId.slice(r.docId.lastIndexOf(':') + 1))
            return [r.docId, doc ? svJson(doc) : {}]
          }),
        )
        if (!holdsOp(svs, op)) bad.push(`${op.op} by ${op.peer} at t=${op.t} (offline) never reached ${p.name}`)
      }
    }
    return verdict(
      bad,
      true,
      `${offline.length} offline op(s) reached every ` +
        `replica${untraced > 0 ? ` (${untraced} more wrote no struct)` : ''}`,
    )
  },
}
