/**
 * Faults, as a registry (Maelstrom's nemesis): one entry per fault of the scenario format. Faults
 * come in pairs (partition/heal, offline/online, crash/restart, hold/release); a redundant verb
 * (online while online, restart while running) is a no-op, so swarm plans can overlap a file's own.
 */
import { LabError } from '../engine/base/errors.ts'
import type { FaultStep } from './scenario/model.ts'
import type { FaultName } from './scenario/steps.ts'
import type { World } from './world.ts'
import type { MemberId } from '../engine/base/ids.ts'
import type { JsonObject } from './canonicalJson.ts'

type Handler<N extends FaultName> = (w: World, step: Extract<FaultStep, { fault: N }>) => void

const FAULTS: { readonly [N in FaultName]: Handler<N> } = {
  partition: (w, s) => {
    w.network.partition(s.groups)
    w.fault('partition', { groups: s.groups.map((g) => [...g]) })
  },
  heal: (w) => {
    w.network.heal()
    w.fault('heal', {})
  },
  offline: (w, s) => setOffline(w, s.peer, true),
  online: (w, s) => setOffline(w, s.peer, false),
  crash: (w, s) => crashPeer(w, s.peer, s.tornWrite),
  restart: (w, s) => restart(w, s.peer),
  hold: (w, s) => {
    w.network.hold(s.from, s.to)
    w.fault('hold', { from: s.from, to: s.to })
  },
  release: (w, s) => {
    w.network.release(s.from, s.to)
    w.fault('release', { from: s.from, to: s.to })
  },
  clockSkew: (w, s) => {
    w.peer(s.peer).skewMs = s.ms
    w.fault('clockSkew', { peer: s.peer, ms: s.ms })
  },
}

/** Applies one fault step. */
export function applyFault(w: World, step: FaultStep): void {
  const handler = FAULTS[step.fault] as Handler<FaultName> | undefined
  if (!handler) throw new LabError('BAD_SCENARIO', `unknown fault ${JSON.stringify(step.fault)}`)
  handler(w, step as never)
}

function setOffline(w: World, name: string, offline: boolean): void {
  const p = w.peer(name)
  if (p.offline === offline) return
  p.offline = offline
  if (p.up) {
    w.network.setOnline(name, !offline)
    p.r.setOnline(!offline)
  }
  w.fault(offline ? 'offline' : 'online', { peer: name })
  // Reconnection: the offline queue was flushed into the outbox; anti-entropy catches up the rest.
  if (!offline && p.up) w.antiEntropy(name)
}

/** Crashes a running peer (a no-op when it is down); `extra` goes into the fault record. */
export function crashPeer(w: World, name: MemberId, tornWrite: boolean, extra: JsonObject = {}): void {
  const p = w.peer(name)
  if (!p.up) return
  w.beforeCrash(p.name)
  const torn = p.crash(tornWrite)
  w.network.setOnline(p.name, false)
  w.fault('crash', {
    peer: p.name,
    tornWrite,
    ...(torn ? { torn: { doc: torn.docId, write: torn.kind } } : {}),
    ...extra,
  })
}

/** Restarts a crashed peer from its store (a no-op when it is running). */
export function restart(w: World, name: string): void {
  const p = w.peer(name)
  if (p.up) return
  p.boot()
  w.watch(p)
  w.network.setOnline(name, !p.offline)
  w.fault('restart', { peer: name, boot: p.boots })
  w.antiEntropy(name)
}

export const FAULT_REGISTRY: readonly FaultName[] = Object.keys(FAULTS) as FaultName[]
