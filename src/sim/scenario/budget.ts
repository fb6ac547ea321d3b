/**
 * The limits that relate several fields (`limits.ts` has the values): members per entity, the
 * days jumped by all `advanceDays` steps, and the two costs of a run, estimated from the file
 * before it runs: op deliveries (every op reaches every other replica) and anti-entropy messages
 * (every round, every peer sends every other a digest per document). Each problem names the field
 * that weighs most and says what to change.
 */
import { concernsFor, parseEntityId } from '../../engine/base/ids.ts'
import { SCENARIO_DEFAULTS } from './normalize.ts'
import { limitNote, SCENARIO_LIMITS, thousands } from './limits.ts'
import { jsonPath, type Problem } from './problems.ts'
import type { ScenarioFile } from './schema.ts'
import { RANDOM_EVERY_MS_DEFAULT } from './steps.ts'

/** Anti-entropy rounds the drain may take after the heal (run.ts's default bound). */
const DRAIN_ROUNDS = 40

/** Problems of a file that passed the schema. */
export function budgetProblems(file: ScenarioFile): Problem[] {
  return [
    ...memberProblems(file),
    ...advanceProblems(file),
    ...opProblems(file),
    ...syncProblems(file, opsOfFile(file)),
  ]
}

/**
 * Ops after which a sync message costs twice as much as between empty documents: digests and the
 * updates they ask for grow with the documents (measured: 500 ops at antiEntropyMs 3 cost 4x per
 * message what an empty run does; 5,000 ops at 3 ms took over 300 s).
 */
const OPS_PER_DOUBLING = 150

const opsOfFile = (file: ScenarioFile): number => (file.steps ?? []).reduce((n, s) => n + opsOf(s), 0)

function memberProblems(file: ScenarioFile): Problem[] {
  const max = SCENARIO_LIMITS.members.max
  return file.entities.flatMap((e, i) => {
    const n = Object.keys(e.members ?? {}).length
    return n <= max
      ? []
      : [
          {
            path: jsonPath(['entities', i, 'members']),
            message: `has ${n} members; at most ${max}: ${limitNote('members')}`,
          },
        ]
  })
}

function advanceProblems(file: ScenarioFile): Problem[] {
  let days = 0
  const max = SCENARIO_LIMITS.advanceDays.max
  for (const [i, step] of (file.steps ?? []).entries()) {
    if (!('advanceDays' in step)) continue
    days += step.advanceDays
    if (days > max)
      return [
        {
          path: jsonPath(['steps', i, 'advanceDays']),
          message:
            `brings the days jumped to ${thousands(days)}; at most ${thousands(max)} in all: ` +
            limitNote('advanceDays'),
        },
      ]
  }
  return []
}

/** Ops of each step: 1 for an op step, the expected draws of a random step. */
function opsOf(step: NonNullable<ScenarioFile['steps']>[number]): number {
  if ('op' in step) return 1
  if (!('random' in step)) return 0
  const [lo, hi] = step.random.everyMs ?? RANDOM_EVERY_MS_DEFAULT
  return Math.floor((step.random.until - step.at) / ((lo + hi) / 2)) + 1
}

function opProblems(file: ScenarioFile): Problem[] {
  const steps = file.steps ?? []
  const ops = steps.map(opsOf)
  const total = ops.reduce((a, b) => a + b, 0)
  const deliveries = total * Math.max(1, file.peers.length - 1)
  const max = SCENARIO_LIMITS.opDeliveries.max
  if (deliveries <= max) return []
  const heaviest = ops.indexOf(Math.max(...ops))
  const random = 'random' in steps[heaviest]!
  return [
    {
      path: jsonPath(random ? ['steps', heaviest, 'random', 'until'] : ['steps']),
      message:
        `the steps issue about ${thousands(total)} ops to ${file.peers.length} peers, ` +
        `${thousands(deliveries)} op deliveries; ` +
        `at most ${thousands(max)}: ${limitNote('opDeliveries')}. ` +
        (random
          ? `This random step draws about ${thousands(ops[heaviest]!)}: end it sooner or draw less often (everyMs)`
          : 'Use fewer op steps or fewer peers'),
    },
  ]
}

function syncProblems(file: ScenarioFile, ops: number): Problem[] {
  const period = file.network?.antiEntropyMs ?? SCENARIO_DEFAULTS.network.antiEntropyMs
  const end = Math.max(0, ...(file.steps ?? []).map((s) => ('random' in s ? s.random.until : s.at)))
  const rounds = Math.ceil(end / period) + DRAIN_ROUNDS
  const peers = file.peers.length
  const docs = file.entities.reduce((n, e) => n + docsOf(e.id), 0)
  const weight = 1 + ops / OPS_PER_DOUBLING
  // A sync step is one more round from one peer.
  const syncs = (file.steps ?? []).filter((s) => 'sync' in s).length
  const messages = (rounds * peers + syncs) * (peers - 1) * docs * weight
  const max = SCENARIO_LIMITS.syncMessages.max
  if (messages <= max) return []
  // The period that would fit, with peers, documents and ops as they are.
  const fits = Math.floor(max / (peers * (peers - 1) * docs * weight)) - DRAIN_ROUNDS
  const hint =
    fits > 0
      ? `set antiEntropyMs to at least ${thousands(Math.ceil(end / fits))}, end the steps sooner, ` +
        'or use fewer peers or entities'
      : 'use fewer peers or entities'
  return [
    {
      path: jsonPath(file.network?.antiEntropyMs === undefined ? ['peers'] : ['network', 'antiEntropyMs']),
      message:
        `${thousands(end)} ms of steps at one anti-entropy round every ${thousands(period)} ms ` +
        `(plus up to ${DRAIN_ROUNDS} to drain) over ${peers} peers and ${docs} documents` +
        (ops > 0 ? `, weighed by ${thousands(ops)} op${ops === 1 ? '' : 's'},` : '') +
        ` is about ${thousands(messages)} sync messages; at most ${thousands(max)}: ` +
        `${limitNote('syncMessages')}. ${hint[0]!.toUpperCase()}${hint.slice(1)}`,
    },
  ]
}

/** Documents of an entity per replica (an id the semantic checks refuse counts as the smallest). */
function docsOf(id: string): number {
  try {
    return concernsFor(parseEntityId(id).type).length
  } catch {
    return 3
  }
}
