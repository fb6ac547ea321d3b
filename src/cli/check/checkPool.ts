/**
 * Spreads one claim's runs over worker threads: worker i runs its share of the budget from seed
 * `seed + i`, so together they try as many cases as one worker would (others than one worker
 * would: the printed seed and path replay a failure on one worker). The first failure, in worker
 * order, is the counterexample.
 */
import { sumCoverage, type ClaimCoverage } from '../../properties/coverage.ts'
import { MessageChannel } from 'node:worker_threads'
import Tinypool from 'tinypool'
import type { ClaimCheckResult, ClaimProgress } from '../../properties/claimCheck.ts'
import { MODULE_EXT } from '../packageRoot.ts'
import { workerModule, type WorkerModule } from '../sweep/workerModule.ts'
import { runCheckTask, type CheckTask } from './checkTask.ts'

export const CHECK_TASK = {
  module: new URL(`./checkTask${MODULE_EXT}`, import.meta.url),
  tsxEntry: new URL('./checkWorkerEntry.mjs', import.meta.url),
}

/** A pool of `workers` threads (or none: runs in this thread). */
export class CheckPool {
  private constructor(
    private readonly pool: Tinypool | null,
    private readonly module: WorkerModule | null,
    readonly workers: number,
  ) {}

  static async open(workers: number): Promise<CheckPool> {
    if (workers <= 1) return new CheckPool(null, null, 1)
    const module = await workerModule(CHECK_TASK)
    const pool = new Tinypool({
      filename: module.href,
      minThreads: workers,
      maxThreads: workers,
      isolateWorkers: false,
    })
    return new CheckPool(pool, module, workers)
  }

  /** Runs `task`, split over the pool's workers; one merged result. `onProgress` sees the parts summed. */
  async run(task: CheckTask, onProgress?: (p: ClaimProgress) => void): Promise<ClaimCheckResult> {
    if (!this.pool || task.path) return runCheckTask(task, onProgress)
    const share = Math.ceil(task.runs / this.workers)
    const latest: (ClaimProgress | null)[] = Array.from({ length: this.workers }, () => null)
    const channels = latest.map(() => new MessageChannel())
    channels.forEach((c, i) =>
      c.port1.on('message', (p: ClaimProgress) => {
        latest[i] = p
        onProgress?.(sum(latest, task.runs))
      }),
    )
    try {
      const parts = (await Promise.all(
        channels.map((c, i) =>
          this.pool!.run({ ...task, runs: share, seed: task.seed + i, port: c.port2 } satisfies CheckTask, {
            transferList: [c.port2],
          }),
        ),
      )) as ClaimCheckResult[]
      return merge(parts)
    } finally {
      for (const c of channels) c.port1.close()
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy()
    this.module?.dispose()
  }
}

/** The progress of every part as one: a shrinking part shows its shrinking, else the runs summed. */
function sum(parts: readonly (ClaimProgress | null)[], total: number): ClaimProgress {
  const shrinking = parts.find((p) => p?.phase === 'shrinking')
  if (shrinking) return shrinking
  return { phase: 'runs', done: parts.reduce((n, p) => n + (p?.done ?? 0), 0), total }
}

/** The parts' coverage summed (what the workers' runs exercised, all together). */
const coverageOf = (parts: readonly ClaimCheckResult[]): { coverage?: ClaimCoverage } => {
  const all = parts.flatMap((p) => (p.coverage ? [p.coverage] : []))
  return all.length > 0 ? { coverage: sumCoverage(all) } : {}
}

function merge(parts: ClaimCheckResult[]): ClaimCheckResult {
  const failed = parts.find((p) => p.verdict === 'fails')
  const evaluated = parts.reduce((n, p) => n + p.evaluated, 0)
  const base = {
    claim: parts[0]!.claim,
    profile: parts[0]!.profile,
    runs: parts.reduce((n, p) => n + p.runs, 0),
    evaluated,
    ms: Math.max(...parts.map((p) => p.ms)),
    ...coverageOf(parts),
  }
  if (failed)
    return {
      ...base,
      verdict: 'fails',
      ...(failed.shrinkCut ? { shrinkCut: true } : {}),
      ...(failed.counterexample ? { counterexample: failed.counterexample } : {}),
    }
  return { ...base, verdict: evaluated > 0 ? 'holds' : 'not-evaluated' }
}
