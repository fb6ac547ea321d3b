/**
 * `npx tsx bench/engine/profileOps.ts [--profile reference|spec] [--ops N] [--top N]`
 *
 * Where an engine operation's time goes: runs each sync-table operation (the bench's own
 * fixtures, bench/engine/syncOps.ts) N times under V8's sampling profiler and prints, for the
 * samples taken inside the timed part only (staging excluded), the functions with the most self
 * time and the most inclusive time, as a share of the operation's samples.
 */
import { Session } from 'node:inspector/promises'
import { parseArgs } from 'node:util'
import { builtDoc } from './catalog.ts'
import { StarFixture } from './starFixture.ts'
import { ENGINE_SYNC_OPS, type EngineSyncOp } from './syncOps.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
}

/** A distinct name for the timed part, so its samples can be told from staging. */
function timedOp(spec: EngineSyncOp, f: StarFixture): void {
  spec.op(f)
}

const frameName = (n: ProfileNode): string => {
  const file = n.callFrame.url.replace(/^.*\/(node_modules\/)?/, '')
  return `${n.callFrame.functionName || '(anonymous)'} (${file}:${n.callFrame.lineNumber + 1})`
}

/** Self and inclusive sample counts of every function under `timedOp`. */
export function hotFunctions(profile: CpuProfile): {
  total: number
  self: Map<string, number>
  inclusive: Map<string, number>
} {
  const parent = new Map<number, number>()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let total = 0
  for (const leaf of profile.samples) {
    const stack: string[] = []
    let inside = false
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!
      if (node.callFrame.functionName === 'timedOp') {
        inside = true
        break
      }
      stack.push(frameName(node))
    }
    if (!inside || stack.length === 0) continue
    total++
    self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + 1)
    for (const name of new Set(stack)) inclusive.set(name, (inclusive.get(name) ?? 0) + 1)
  }
  return { total, self, inclusive }
}

const top = (m: Map<string, number>, total: number, n: number): string =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n')

async function profileOp(
  session: Session,
  profile: ProfileName,
  row: string,
  spec: EngineSyncOp,
  ops: number,
  n: number,
): Promise<string> {
  const f = new StarFixture(builtDoc(profile, spec.doc, spec.count), spec.ackers === true)
  for (let i = 0; i < 20; i++) {
    spec.prep?.(f)
    timedOp(spec, f)
  }
  await session.post('Profiler.start')
  for (let i = 0; i < ops; i++) {
    spec.prep?.(f)
    timedOp(spec, f)
  }
  const { profile: cpu } = await session.post('Profiler.stop')
  const hot = hotFunctions(cpu as unknown as CpuProfile)
  return (
    `${row} (${profile}): ${hot.total} samples in ${ops} operations\n ` +
    `self:\n${top(hot.self, hot.total, n)}\n ` +
    `inclusive:\n${top(hot.inclusive, hot.total, n)}\n`
  )
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'reference' },
      ops: { type: 'string', default: '400' },
      top: { type: 'string', default: '15' },
    },
  })
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 50 })
  for (const [row, spec] of Object.entries(ENGINE_SYNC_OPS)) {
    console.log(
      await profileOp(session, values.profile as ProfileName, row, spec, Number(values.ops), Number(values.top)),
    )
  }
  session.disconnect()
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
