import * as Y from 'yjs'
import { parseScenario } from './src/sim/scenario/load.ts'
import { runScenario } from './src/sim/run.ts'
const G = 'group:perf'
const peers = ['a', 'b', 'c', 'd', 'e']
const sc = parseScenario({ name: 'perf', seed: 7, peers, entities: [{ id: G, owner: 'a', members: { b: 'member', c: 'member', d: 'member', e: 'member' } }],
  steps: [{ at: 0, random: { until: 5000, everyMs: [5, 15], peers, entity: G, mix: { 'chat.send': 5, 'chat.edit': 2, 'chat.react': 1 } } }] }, 'x')
for (const profile of ['reference', 'spec'] as const) {
  runScenario(sc, { profile }).world.dispose()
  const t0 = performance.now(); const r = runScenario(sc, { profile }); const ms = performance.now() - t0
  const d = r.world.network.stats.delivered, ops = r.world.stats.ops
  console.log(profile, 'deliveries', d, 'ms', ms.toFixed(0), 'deliveries/s', Math.round(d / ms * 1000), 'ops', ops)
  r.world.dispose()
}
// raw Yjs: same number of chat ops, each update applied at 4 receivers
function raw(n: number) {
  const docs = peers.map((_, i) => { const d = new Y.Doc(); d.clientID = i + 1; return d })
  let deliveries = 0
  const t0 = performance.now()
  for (let i = 0; i < n; i++) {
    const src = docs[i % 5]!
    let u: Uint8Array | undefined
    src.once('update', (x: Uint8Array) => { u = x })
    src.transact(() => { const m = new Y.Map(); src.getMap('messages').set(`m${i}`, m); m.set('content', `message ${i}`); m.set('author', 'x'); m.set('created_at', i) })
    for (const dst of docs) if (dst !== src) { Y.applyUpdate(dst, u!); deliveries++ }
  }
  const ms = performance.now() - t0
  return { deliveries, ms, perSec: Math.round(deliveries / ms * 1000) }
}
raw(400); console.log('raw', raw(450))
